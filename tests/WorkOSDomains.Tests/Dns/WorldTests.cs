using System.Diagnostics;
using WorkOSDomains.Engine.Dns;
using WorkOSDomains.Tests.Support;

namespace WorkOSDomains.Tests.Dns;

/// <summary>
/// Issue 8: the check against DNS as it is on the internet, on loopback: a root, the TLD, zones
/// with 2 and 4 name servers on separate addresses (a Knot process each), and unbound as the
/// bootstrap resolver (or one authoritative server, as a forwarder answers). Relays count every
/// query the inspector sends.
/// </summary>
public class WorldTests
{
    private const string T = DnsLab.Token;
    private const string Name = "_workos-challenge.contoso.test";

    /// <summary>More than a sound check ever needs (about 40 for these worlds), far less than a blow-up.</summary>
    private const int QueryBound = 80;

    private static DnsFinding Finding(DnsChallengeResult result, string code) =>
        result.Findings.FirstOrDefault(f => f.Code == code)
        ?? throw new Xunit.Sdk.XunitException($"No {code} finding. Found: {string.Join("; ", result.Findings)}");

    private static string Report(DnsChallengeResult r) =>
        string.Join("\n", r.Findings.Select(f => $"{f}\n  Fix: {f.Fix}")) + "\n" + string.Join("\n", r.Servers.Select(s => $"{s.Name} {s.Server} {s.QueryName} {s.Outcome}"));

    private static void AssertEachServerOnce(DnsChallengeResult r) =>
        Assert.Equal(r.Servers.Count, r.Servers.Select(s => (s.Server, s.QueryName, s.Role)).Distinct().Count());

    // ---- 1. A bounded walk ----

    [Fact]
    public async Task A_delegation_loop_between_four_servers_ends_in_a_loop_finding_within_bounds()
    {
        // The challenge name is delegated back to the zone's own four servers: each refers to the others.
        string loop = string.Join("\n", Enumerable.Range(1, 4).Select(i => $"_workos-challenge IN NS ns{i}.contoso.test."));
        await using var world = await DnsWorld.StartAsync(Bootstrap.Authoritative, new WorldZone("contoso.test", 4, loop));

        var clock = Stopwatch.StartNew();
        DnsChallengeResult r = await world.CheckAsync("contoso.test");
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.InRange(world.QueriesSent, 1, QueryBound);
        DnsFinding f = Finding(r, FindingCodes.DelegationLoop);
        Assert.Contains(Name, f.Message);
        Assert.Contains("host '_workos-challenge' in zone contoso.test", f.Fix);
        Assert.DoesNotContain(r.Findings, x => x.Fix.Contains("registrar"));
        Assert.False(r.Has(FindingCodes.Delegated));
        Assert.Equal(ChallengeStatus.Fail, r.Status);
        AssertEachServerOnce(r);
    }

    [Fact]
    public async Task A_cross_zone_cname_loop_between_four_server_zones_ends_in_a_loop_finding_within_bounds()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Authoritative,
            new WorldZone("contoso.test", 4, "_workos-challenge IN CNAME _challenge.fabrikam.test."),
            new WorldZone("fabrikam.test", 4, "_challenge IN CNAME _workos-challenge.contoso.test."));

        var clock = Stopwatch.StartNew();
        DnsChallengeResult r = await world.CheckAsync("contoso.test");
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.InRange(world.QueriesSent, 1, QueryBound);
        DnsFinding f = Finding(r, FindingCodes.CnameLoop);
        Assert.Contains(Name, f.Message);
        Assert.Contains("_challenge.fabrikam.test", f.Message);
        Assert.False(r.Has(FindingCodes.CnameDangling), Report(r)); // the target exists: it points back
        Assert.DoesNotContain(r.Findings, x => x.Message.Contains("does not exist"));
        AssertEachServerOnce(r);
    }

    [Fact]
    public async Task A_valid_cname_between_four_server_zones_lists_each_server_once_at_every_depth()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 4, "_workos-challenge IN CNAME _challenge.fabrikam.test."),
            new WorldZone("fabrikam.test", 4, $"_challenge IN TXT \"{T}\""));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        Assert.Equal(ChallengeStatus.Pass, r.Status);
        AssertEachServerOnce(r);
        Assert.Equal(4, r.Servers.Count(s => s.QueryName == Name));
        Assert.Equal(4, r.Servers.Count(s => s.QueryName == "_challenge.fabrikam.test" && s.Outcome == FindingCodes.Pass));
        Assert.Equal(8, r.Servers.Count);
        Assert.InRange(world.QueriesSent, 1, QueryBound);
    }

    [Fact]
    public async Task Rows_deeper_than_one_hop_reach_the_report()
    {
        // contoso -> fabrikam -> northwind: the last zone's servers are two hops away.
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, "_workos-challenge IN CNAME a.fabrikam.test."),
            new WorldZone("fabrikam.test", 2, "a IN CNAME b.northwind.test."),
            new WorldZone("northwind.test", 4, $"b IN TXT \"{T}\""));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        Assert.Equal(ChallengeStatus.Pass, r.Status);
        Assert.Equal(4, r.Servers.Count(s => s.QueryName == "b.northwind.test" && s.Outcome == FindingCodes.Pass));
        Assert.Equal(8, r.Servers.Count);
    }

    [Fact]
    public async Task The_querier_caps_concurrent_queries_for_every_check_it_serves()
    {
        await using var lab = await DnsLab.StartAsync(("contoso.test", $"_workos-challenge IN TXT \"{T}\""));
        using var relay = new RecordingRelay(lab.Primary.EndPoint) { Delay = TimeSpan.FromMilliseconds(40) };
        var inspector = new DnsInspector(lab.Options(o => { o.IncludeAuthoritative = false; o.Resolvers = [relay.EndPoint]; o.MaxConcurrentQueries = 3; o.QueryTimeout = TimeSpan.FromSeconds(5); }));

        // Failing checks probe a dozen names each, all at once: far more than 3 queries want to be in flight.
        var checks = Enumerable.Range(0, 6).Select(i => inspector.CheckAsync(DnsChallenge.Create($"d{i}.contoso.test", T, "_workos-challenge"))).ToList();
        await Task.WhenAll(checks);

        Assert.True(relay.Questions.Count > 30);
        Assert.InRange(relay.PeakInFlight, 1, 3);
    }

    [Fact]
    public async Task A_check_that_needs_more_queries_than_its_budget_stops_with_a_typed_error()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound, new WorldZone("contoso.test", 4));

        var e = await Assert.ThrowsAsync<DnsCheckException>(() => world.CheckAsync("contoso.test", configure: o => o.MaxQueries = 6));

        Assert.Contains("6 queries", e.Message);
        Assert.InRange(world.QueriesSent, 1, 6);
    }

    // ---- 2. A CNAME loop inside one zone ----

    [Fact]
    public async Task A_cname_loop_inside_one_zone_is_a_loop_naming_both_names()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, "_workos-challenge IN CNAME loop.contoso.test.\nloop IN CNAME _workos-challenge.contoso.test."));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        DnsFinding f = Finding(r, FindingCodes.CnameLoop);
        Assert.Contains(Name, f.Message);
        Assert.Contains("loop.contoso.test", f.Message);
        Assert.Contains("Delete the CNAME", f.Fix);
        Assert.False(r.Has(FindingCodes.NegativeWithoutSoa), Report(r));
        Assert.DoesNotContain(r.Findings, x => x.Message.Contains($"{Name} is a CNAME to {Name}"));
        Assert.Equal(ChallengeStatus.Fail, r.Status);
    }

    // ---- 3. A referral is not an answer ----

    [Fact]
    public async Task A_listed_server_that_answers_with_a_referral_is_lame_and_the_others_still_agree()
    {
        // ns.test (the TLD's server) is listed at the apex by mistake: it refers the name to contoso.test.
        const string records = "@ IN NS ns1.contoso.test.\n@ IN NS ns2.contoso.test.\n@ IN NS ns.test.\n_workos-challenge IN TXT \"" + T + "\"";
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound, new WorldZone("contoso.test", 2, records));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        DnsFinding lame = Finding(r, FindingCodes.LameNameserver);
        Assert.Contains("ns.test", lame.Message);
        Assert.Contains("referral", lame.Message);
        Assert.Contains(r.Servers, s => s.Name == "ns.test" && s.Outcome == FindingCodes.LameNameserver);
        Assert.Contains("2 of 3", Finding(r, FindingCodes.Pass).Message);
        Assert.False(r.Has(FindingCodes.NameserversDisagree), Report(r));
        Assert.False(r.Has(FindingCodes.Delegated), Report(r)); // the referral leads to the zone being checked
    }

    [Fact]
    public async Task Servers_that_all_pass_never_disagree()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, "_workos-challenge IN CNAME _challenge.fabrikam.test."),
            new WorldZone("fabrikam.test", 2, $"_challenge IN TXT \"{T}\""));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        Assert.Equal(ChallengeStatus.Pass, r.Status);
        Assert.False(r.Has(FindingCodes.NameserversDisagree), Report(r));
    }

    // ---- 4. Zone finding survives lame and failing servers ----

    [Fact]
    public async Task A_zone_whose_listed_servers_all_refuse_is_found_through_the_parent_and_each_server_is_lame()
    {
        // Moved to a new provider, but the registrar still lists the old one's servers, which refuse it.
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, $"_workos-challenge IN TXT \"{T}\"", Delegation: ["ns1.oldprovider.test", "ns2.oldprovider.test"]),
            new WorldZone("oldprovider.test", 2));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        Assert.False(r.Has(FindingCodes.ZoneNotFound), Report(r));
        Assert.Equal("contoso.test", r.Zone);
        DnsFinding lame = Finding(r, FindingCodes.LameNameserver);
        Assert.Contains("ns1.oldprovider.test", lame.Message);
        Assert.Contains("ns2.oldprovider.test", lame.Message);
        Assert.Contains("registrar", lame.Fix);
        Assert.All(r.Servers, s => Assert.Equal(FindingCodes.LameNameserver, s.Outcome));
    }

    // ---- 5. No harmful or contradictory fixes ----

    [Fact]
    public async Task A_challenge_name_delegated_to_servers_that_do_not_host_it_gets_its_ns_records_removed()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, "_workos-challenge IN NS ns1.elsewhere.test.\n_workos-challenge IN NS ns2.elsewhere.test."),
            new WorldZone("elsewhere.test", 2));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        DnsFinding lame = Finding(r, FindingCodes.LameNameserver);
        Assert.Contains("ns1.elsewhere.test", lame.Message);
        Assert.Contains(Name, lame.Message);
        Assert.Contains("Remove the NS records at host '_workos-challenge' in zone contoso.test", lame.Fix);
        Assert.DoesNotContain(r.Findings, x => x.Fix.Contains("NS records of contoso.test"));
        Assert.DoesNotContain(r.Findings, x => x.Fix.Contains("registrar"));
    }

    [Fact]
    public async Task A_challenge_name_delegated_to_its_own_zone_gets_the_record_at_the_apex_of_that_zone()
    {
        // The challenge name is a zone of its own (as with _acme-challenge delegations), still without the record.
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2),
            new WorldZone(Name, 2));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        // The name is that zone's apex: it exists (SOA, NS) without a TXT record.
        DnsFinding missing = Finding(r, FindingCodes.NoTxtAtName);
        Assert.Contains($"host '@' in zone {Name}", missing.Fix);
        Assert.DoesNotContain(r.Findings, x => x.Fix.Contains("host '_workos-challenge'"));
        Assert.Contains(r.Servers, s => s.Name == $"ns1.{Name}" && s.Outcome == FindingCodes.NoTxtAtName);
    }

    [Fact]
    public async Task An_empty_non_terminal_is_called_that()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, $"sub._workos-challenge IN TXT \"{T}\""));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        DnsFinding f = Finding(r, FindingCodes.NoTxtAtName);
        Assert.Contains("empty non-terminal", f.Message);
        Assert.DoesNotContain("other record types", f.Message);
    }

    [Fact]
    public async Task A_name_with_other_records_says_which()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, "_workos-challenge IN A 192.0.2.10"));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        Assert.Contains("other record types only", Finding(r, FindingCodes.NoTxtAtName).Message);
    }

    [Fact]
    public async Task With_a_wildcard_no_fix_edits_the_wildcard_record()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, "*.contoso.test. IN TXT \"v=spf1 -all\""));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        Assert.True(r.Has(FindingCodes.Wildcard));
        DnsFinding wrong = Finding(r, FindingCodes.WrongValue);
        Assert.DoesNotContain("Replace the value", wrong.Fix);
        Assert.Contains("Create a TXT record", wrong.Fix);
    }

    [Fact]
    public async Task A_name_server_without_an_address_is_described_as_such()
    {
        const string records = "@ IN NS ns1.contoso.test.\n@ IN NS ns2.contoso.test.\n@ IN NS ns3.nowhere.test.\n_workos-challenge IN TXT \"" + T + "\"";
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound, new WorldZone("contoso.test", 2, records));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        DnsFinding lame = Finding(r, FindingCodes.LameNameserver);
        Assert.Contains("ns3.nowhere.test has no address", lame.Message);
        Assert.DoesNotContain("authority", lame.Message);
    }

    // ---- 6, 11. Resolver mode learns the zone ----

    [Fact]
    public async Task Resolver_mode_learns_the_zone_and_finds_the_zone_typed_twice()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, $"_workos-challenge.x.contoso.test.contoso.test. IN TXT \"{T}\""));

        DnsChallengeResult r = await world.CheckAsync("x.contoso.test", configure: o => { o.IncludeAuthoritative = false; o.Resolvers = [world.Options().BootstrapResolvers[0]]; });

        Assert.Equal("contoso.test", r.Zone);
        Assert.Contains("_workos-challenge.x.contoso.test.contoso.test", Finding(r, FindingCodes.ZoneAppendedTwice).Message);
    }

    [Fact]
    public async Task Resolver_mode_fixes_name_the_real_zone()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound, new WorldZone("contoso.test", 2));

        DnsChallengeResult r = await world.CheckAsync("x.contoso.test", configure: o => { o.IncludeAuthoritative = false; o.Resolvers = [world.Options().BootstrapResolvers[0]]; });

        DnsFinding f = Finding(r, FindingCodes.RecordMissing);
        Assert.Contains("in zone contoso.test: host '_workos-challenge.x'", f.Fix);
        Assert.DoesNotContain("zone x.contoso.test", f.Fix);
    }

    // ---- 8. No resolver hears of a name before it exists ----

    [Fact]
    public async Task The_bootstrap_resolver_never_hears_of_the_record_name_or_a_cname_target()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, "_workos-challenge IN CNAME _challenge.fabrikam.test."),
            new WorldZone("fabrikam.test", 4));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        Assert.True(r.Has(FindingCodes.CnameDangling), Report(r));
        Assert.Contains("fabrikam.test", world.BootstrapQuestions);
        Assert.DoesNotContain(world.BootstrapQuestions, q => q.Contains("_challenge") || q.Contains("_workos-challenge"));
        Assert.Contains(r.Servers, s => s.QueryName == "_challenge.fabrikam.test" && s.Outcome == FindingCodes.RecordMissing);
    }

    // ---- Found on a second look: long chains, chains that end elsewhere, lame parents, delegated challenge zones ----

    [Fact]
    public async Task A_chain_longer_than_the_hop_limit_is_called_long_not_a_loop()
    {
        // contoso -> z1 -> z2 -> z3 -> z4, with a limit of 2 hops: the chain ends, but too far away.
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, "_workos-challenge IN CNAME c.z1.test."),
            new WorldZone("z1.test", 1, "c IN CNAME c.z2.test."),
            new WorldZone("z2.test", 1, "c IN CNAME c.z3.test."),
            new WorldZone("z3.test", 1, "c IN CNAME c.z4.test."),
            new WorldZone("z4.test", 1, $"c IN TXT \"{T}\""));

        DnsChallengeResult r = await world.CheckAsync("contoso.test", configure: o => o.MaxCnameHops = 2);

        DnsFinding f = Finding(r, FindingCodes.CnameLoop);
        Assert.DoesNotContain("loops back", f.Message);
        Assert.Contains("more than 2", f.Message);
        Assert.Equal(ChallengeStatus.Fail, r.Status);
    }

    [Fact]
    public async Task A_chain_that_dangles_further_on_names_the_missing_name()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, "_workos-challenge IN CNAME b.fabrikam.test."),
            new WorldZone("fabrikam.test", 2, "b IN CNAME nothere.contoso.test."));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        DnsFinding f = Finding(r, FindingCodes.CnameDangling);
        Assert.Contains("nothere.contoso.test", f.Message);
        Assert.Contains("nothere.contoso.test", f.Fix);
        Assert.DoesNotContain("b.fabrikam.test, which does not exist", f.Message);
        Assert.DoesNotContain("create it at b.fabrikam.test", f.Fix);
    }

    [Fact]
    public async Task A_wrong_value_at_the_end_of_a_chain_is_fixed_where_it_is()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, "_workos-challenge IN CNAME a.fabrikam.test."),
            new WorldZone("fabrikam.test", 2, "a IN CNAME b.northwind.test."),
            new WorldZone("northwind.test", 2, "b IN TXT \"an-old-token\""));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        Assert.Contains("b.northwind.test", Finding(r, FindingCodes.CnameFollowed).Fix);
        Assert.DoesNotContain("fix it at a.fabrikam.test", Finding(r, FindingCodes.CnameFollowed).Fix);
        Assert.Contains("b.northwind.test", Finding(r, FindingCodes.WrongValue).Fix);
    }

    [Fact]
    public async Task Servers_that_disagree_behind_a_cname_are_reported()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, "_workos-challenge IN CNAME _c.fabrikam.test."),
            new WorldZone("fabrikam.test", 2, $"_c IN TXT \"{T}\"", PerServer: [null, "_c IN TXT \"an-old-token\""]));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        DnsFinding f = Finding(r, FindingCodes.NameserversDisagree);
        Assert.Contains("ns1.fabrikam.test", f.Message);
        Assert.Contains("ns2.fabrikam.test", f.Message);
        Assert.Contains("Wait for the change", f.Fix);
    }

    [Fact]
    public async Task A_zone_whose_old_servers_are_gone_is_found_through_the_parent()
    {
        // The resolver gets no answer from the listed servers and gives up later than the inspector waits.
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, Delegation: ["ns1.gone.test", "ns2.gone.test"]),
            new WorldZone("gone.test", 2, Silent: true));

        DnsChallengeResult r = await world.CheckAsync("contoso.test", configure: o => o.QueryTimeout = TimeSpan.FromMilliseconds(400));

        Assert.False(r.Has(FindingCodes.ZoneNotFound), Report(r));
        Assert.Equal("contoso.test", r.Zone);
        DnsFinding f = Finding(r, FindingCodes.Timeout);
        Assert.Contains("ns1.gone.test", f.Message);
        Assert.Contains("registrar", f.Fix);
    }

    [Fact]
    public async Task A_lame_subzone_is_fixed_where_its_parent_delegates_it()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("fabrikam.test", 2),
            new WorldZone("sub.fabrikam.test", 2, $"_workos-challenge IN TXT \"{T}\"", Delegation: ["ns1.oldprovider.test", "ns2.oldprovider.test"]),
            new WorldZone("oldprovider.test", 2));

        DnsChallengeResult r = await world.CheckAsync("sub.fabrikam.test");

        Assert.Equal("sub.fabrikam.test", r.Zone);
        DnsFinding lame = Finding(r, FindingCodes.LameNameserver);
        Assert.Contains("host 'sub' in zone fabrikam.test", lame.Fix);
        Assert.DoesNotContain("Remove the NS records", lame.Fix); // the zone still needs its delegation, to the right servers
    }

    [Fact]
    public async Task In_a_delegated_challenge_zone_the_prefix_typed_again_is_found()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2),
            new WorldZone(Name, 2, $"_workos-challenge IN TXT \"{T}\""));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        DnsFinding f = Finding(r, FindingCodes.PrefixTypo);
        Assert.Contains($"_workos-challenge.{Name}", f.Message);
        Assert.Contains("'@'", f.Fix);
    }

    [Fact]
    public async Task In_a_delegated_challenge_zone_the_zone_typed_twice_is_found()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2),
            new WorldZone(Name, 2, $"{Name} IN TXT \"{T}\""));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        DnsFinding f = Finding(r, FindingCodes.ZoneAppendedTwice);
        Assert.Contains($"{Name}.{Name}", f.Message);
    }

    [Fact]
    public async Task A_wildcard_in_the_cname_target_zone_is_not_edited()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, "_workos-challenge IN CNAME _c.fabrikam.test."),
            new WorldZone("fabrikam.test", 2, "*.fabrikam.test. IN TXT \"v=spf1 -all\""));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        Assert.Contains("*.fabrikam.test", Finding(r, FindingCodes.Wildcard).Message);
        DnsFinding wrong = Finding(r, FindingCodes.WrongValue);
        Assert.DoesNotContain("Replace the value", wrong.Fix);
        Assert.Contains("_c.fabrikam.test", wrong.Fix);
    }

    [Fact]
    public async Task An_internationalized_domain_without_its_record_gets_a_report()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound, new WorldZone("xn--bcher-kva.test", 2));

        DnsChallengeResult r = await world.CheckAsync("bücher.test");

        Assert.True(r.Has(FindingCodes.RecordMissing), Report(r));
        Assert.Equal(ChallengeStatus.Fail, r.Status);
    }

    [Fact]
    public async Task Rows_and_findings_come_in_the_same_order_every_time()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound, new WorldZone("contoso.test", 4, "_workos-challenge IN TXT \"an-old-token\""));

        var reports = new List<string>();
        for (int i = 0; i < 4; i++) reports.Add(Report(await world.CheckAsync("contoso.test")));

        Assert.Single(reports.Distinct());
    }

    // ---- Found on a third look ----

    [Fact]
    public async Task A_subdomain_of_a_zone_whose_servers_are_gone_is_not_blamed_on_this_computer()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, Delegation: ["ns1.gone.test", "ns2.gone.test"]),
            new WorldZone("gone.test", 2, Silent: true));

        DnsChallengeResult r = await world.CheckAsync("sub.contoso.test", configure: o => o.QueryTimeout = TimeSpan.FromMilliseconds(400));

        Assert.Equal("contoso.test", r.Zone);
        Assert.Contains("ns1.gone.test", Finding(r, FindingCodes.Timeout).Message);
    }

    [Fact]
    public async Task A_chain_the_server_cuts_short_inside_one_zone_is_followed_to_its_end()
    {
        // Knot puts at most five CNAMEs in one answer; resolvers ask on from where it stopped.
        string chain = string.Join("\n", Enumerable.Range(1, 6).Select(i => $"d{i} IN CNAME d{i + 1}.fabrikam.test.")) + $"\nd7 IN TXT \"{T}\"";
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, "_workos-challenge IN CNAME d1.fabrikam.test."),
            new WorldZone("fabrikam.test", 2, chain));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        Assert.Equal(ChallengeStatus.Pass, r.Status);
        Assert.False(r.Has(FindingCodes.NegativeWithoutSoa), Report(r));
        Assert.Contains("d7.fabrikam.test", Finding(r, FindingCodes.CnameFollowed).Message);
    }

    [Fact]
    public async Task A_chain_of_more_cnames_than_the_limit_inside_one_zone_is_called_long()
    {
        string chain = string.Join("\n", Enumerable.Range(1, 11).Select(i => $"d{i} IN CNAME d{i + 1}.fabrikam.test.")) + $"\nd12 IN TXT \"{T}\"";
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, "_workos-challenge IN CNAME d1.fabrikam.test."),
            new WorldZone("fabrikam.test", 2, chain));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        Assert.Contains("more than 8 hops", Finding(r, FindingCodes.CnameLoop).Message);
    }

    [Fact]
    public async Task A_target_some_servers_have_and_others_not_is_a_disagreement_not_a_dangling_alias()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, "_workos-challenge IN CNAME _c.fabrikam.test."),
            new WorldZone("fabrikam.test", 2, $"_c IN TXT \"{T}\"", PerServer: [null, ""]));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        Assert.True(r.Has(FindingCodes.NameserversDisagree), Report(r));
        Assert.False(r.Has(FindingCodes.CnameDangling), Report(r));
    }

    [Fact]
    public async Task The_zone_typed_twice_in_the_parent_of_a_delegated_challenge_zone_is_fixed_in_the_child()
    {
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, $"{Name}.contoso.test. IN TXT \"{T}\""),
            new WorldZone(Name, 2));

        DnsChallengeResult r = await world.CheckAsync("contoso.test");

        DnsFinding f = Finding(r, FindingCodes.ZoneAppendedTwice);
        Assert.Contains($"Create the record in zone {Name} at host '@'", f.Fix);
        Assert.DoesNotContain("Enter only '_workos-challenge'", f.Fix);
    }

    [Fact]
    public async Task At_the_apex_other_txt_records_are_left_alone()
    {
        // 236 characters: too long for _workos-challenge.<domain>, so the apex is the record name.
        string domain = string.Join(".", Enumerable.Repeat(new string('a', 55), 4)) + ".contoso.test";
        await using var world = await DnsWorld.StartAsync(Bootstrap.Unbound,
            new WorldZone("contoso.test", 2, $"{domain}. IN TXT \"v=spf1 -all\"\n{domain}. IN TXT \"google-site-verification=abc\""));

        DnsChallengeResult r = await world.CheckAsync(domain, prefix: null);

        Assert.Equal(domain, r.RecordName);
        DnsFinding f = Finding(r, FindingCodes.MultipleRecords);
        Assert.Contains("Add a TXT record", f.Fix);
        Assert.Contains("Leave the TXT records already there", f.Fix);
        Assert.DoesNotContain(r.Findings, x => x.Fix.Contains("Remove") || x.Fix.Contains("Replace"));
    }
}
