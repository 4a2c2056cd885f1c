using System.Net;
using WorkOSDomains.Engine.Dns;
using WorkOSDomains.Tests.Support;

namespace WorkOSDomains.Tests.Dns;

/// <summary>
/// One test per finding code, against real Knot servers on loopback: each asserts the code, the
/// status, and that the fix names the right thing.
/// </summary>
public class FindingTests
{
    private const string Zone = "contoso.test";
    private const string T = DnsLab.Token;

    private static async Task<DnsChallengeResult> Check(string records, string? prefix = "_workos-challenge", string domain = Zone)
    {
        await using var lab = await DnsLab.StartAsync((Zone, records));
        return await lab.CheckAsync(domain, prefix);
    }

    private static DnsFinding Finding(DnsChallengeResult result, string code) =>
        result.Findings.FirstOrDefault(f => f.Code == code)
        ?? throw new Xunit.Sdk.XunitException($"No {code} finding. Found: {string.Join("; ", result.Findings)}");

    [Fact]
    public async Task Pass_when_every_authoritative_server_serves_the_token()
    {
        var r = await Check($"_workos-challenge IN TXT \"{T}\"");
        Assert.Equal(ChallengeStatus.Pass, r.Status);
        Assert.Equal(FindingCodes.Pass, Assert.Single(r.Findings).Code);
        Assert.Equal("_workos-challenge.contoso.test", r.RecordName);
        Assert.Equal("Token", r.ValueForm);
        Assert.Equal(Zone, r.Zone);
        Assert.Equal(["ns1.contoso.test"], r.Nameservers);
        DnsServerReport server = Assert.Single(r.Servers);
        Assert.True(server.Authoritative);
        Assert.Equal("NOERROR", server.ResponseCode);
        Assert.Equal(1, server.SoaSerial);
        Assert.Equal(300, server.Ttl);
    }

    [Fact]
    public async Task The_prefixed_value_form_passes_and_is_reported()
    {
        var r = await Check($"_workos-challenge IN TXT \"verification_token={T}\"");
        Assert.Equal(ChallengeStatus.Pass, r.Status);
        Assert.Equal("Prefixed", r.ValueForm);
        Assert.True(r.Has(FindingCodes.ValuePrefixedForm));
    }

    [Fact]
    public async Task RecordMissing_on_nxdomain()
    {
        var r = await Check("");
        Assert.Equal(ChallengeStatus.Fail, r.Status);
        DnsFinding f = Finding(r, FindingCodes.RecordMissing);
        Assert.Contains("host '_workos-challenge'", f.Fix);
        Assert.Contains(T, f.Fix);
        Assert.Contains("NXDOMAIN", f.Evidence);
    }

    [Fact]
    public async Task NoTxtAtName_when_the_name_has_other_records()
    {
        var r = await Check("_workos-challenge IN A 192.0.2.10");
        Assert.Equal(ChallengeStatus.Fail, r.Status);
        Assert.Contains("host '_workos-challenge'", Finding(r, FindingCodes.NoTxtAtName).Fix);
    }

    [Fact]
    public async Task ValueQuoted_when_quotes_were_stored_in_the_value()
    {
        var r = await Check($"_workos-challenge IN TXT \"\\\"{T}\\\"\"");
        Assert.Equal(ChallengeStatus.Fail, r.Status);
        Assert.Contains($"without quotes: {T}", Finding(r, FindingCodes.ValueQuoted).Fix);
    }

    [Fact]
    public async Task ValueWhitespace_when_spaces_surround_the_token()
    {
        var r = await Check($"_workos-challenge IN TXT \" {T} \"");
        Assert.Equal(ChallengeStatus.Fail, r.Status);
        Assert.Contains("remove the spaces", Finding(r, FindingCodes.ValueWhitespace).Fix);
    }

    [Fact]
    public async Task ValueSplitStrings_is_a_warning_because_the_joined_strings_match()
    {
        var r = await Check($"_workos-challenge IN TXT \"{T[..10]}\" \"{T[10..]}\"");
        Assert.Equal(ChallengeStatus.Warning, r.Status);
        Assert.Equal(FindingSeverity.Warning, Finding(r, FindingCodes.ValueSplitStrings).Severity);
        Assert.True(r.Passed);
    }

    [Fact]
    public async Task ValueSplitRecords_when_the_token_is_spread_over_several_records()
    {
        var r = await Check($"_workos-challenge IN TXT \"{T[..10]}\"\n_workos-challenge IN TXT \"{T[10..]}\"");
        Assert.Equal(ChallengeStatus.Fail, r.Status);
        Assert.Contains("one TXT record at host '_workos-challenge'", Finding(r, FindingCodes.ValueSplitRecords).Fix);
    }

    [Fact]
    public async Task ValuePrefixMismatch_names_the_foreign_prefix()
    {
        var r = await Check($"_workos-challenge IN TXT \"workos-verification={T}\"");
        Assert.Equal(ChallengeStatus.Fail, r.Status);
        DnsFinding f = Finding(r, FindingCodes.ValuePrefixMismatch);
        Assert.Contains("'workos-verification='", f.Message);
        Assert.Contains($"exactly {T}", f.Fix);
    }

    [Fact]
    public async Task ValueCaseMismatch_because_tokens_are_case_sensitive()
    {
        var r = await Check($"_workos-challenge IN TXT \"{T.ToLowerInvariant()}\"");
        Assert.Equal(ChallengeStatus.Fail, r.Status);
        Assert.Contains($"keeping its case: {T}", Finding(r, FindingCodes.ValueCaseMismatch).Fix);
    }

    [Fact]
    public async Task WrongValue_shows_what_is_there()
    {
        var r = await Check("_workos-challenge IN TXT \"an-old-token\"");
        Assert.Equal(ChallengeStatus.Fail, r.Status);
        DnsFinding f = Finding(r, FindingCodes.WrongValue);
        Assert.Contains("an-old-token", f.Message);
        Assert.Contains($"Replace the value with {T}", f.Fix);
    }

    [Fact]
    public async Task MultipleRecords_with_the_token_among_them_is_a_warning()
    {
        var r = await Check($"_workos-challenge IN TXT \"{T}\"\n_workos-challenge IN TXT \"an-old-token\"");
        Assert.Equal(ChallengeStatus.Warning, r.Status);
        DnsFinding f = Finding(r, FindingCodes.MultipleRecords);
        Assert.Equal(FindingSeverity.Warning, f.Severity);
        Assert.Contains("an-old-token", f.Message);
        Assert.Contains("host '_workos-challenge'", f.Fix);
    }

    [Fact]
    public async Task MultipleRecords_without_the_token_fails()
    {
        var r = await Check("_workos-challenge IN TXT \"old-one\"\n_workos-challenge IN TXT \"old-two\"");
        Assert.Equal(ChallengeStatus.Fail, r.Status);
        Assert.Equal(FindingSeverity.Fail, Finding(r, FindingCodes.MultipleRecords).Severity);
    }

    [Fact]
    public async Task ZoneAppendedTwice_when_the_zone_was_typed_into_the_host_field()
    {
        // A relative owner that repeats the zone, as a GoDaddy-style host field produces.
        var r = await Check($"_workos-challenge.contoso.test IN TXT \"{T}\"");
        Assert.Equal(ChallengeStatus.Fail, r.Status);
        DnsFinding f = Finding(r, FindingCodes.ZoneAppendedTwice);
        Assert.Same(f, r.Findings[0]); // the diagnosis comes before the RecordMissing symptom
        Assert.Contains("_workos-challenge.contoso.test.contoso.test", f.Message);
        Assert.Contains("Enter only '_workos-challenge' in the host field; your provider appends 'contoso.test'", f.Fix);
    }

    [Fact]
    public async Task RecordAtApex_when_the_token_sits_on_the_bare_domain()
    {
        var r = await Check($"@ IN TXT \"{T}\"");
        Assert.Equal(ChallengeStatus.Fail, r.Status);
        Assert.Contains("host '_workos-challenge' instead of '@'", Finding(r, FindingCodes.RecordAtApex).Fix);
    }

    [Theory]
    [InlineData("_workos_challenge")]
    [InlineData("workos-challenge")]
    [InlineData("_acme-challenge")]
    public async Task PrefixTypo_names_the_wrong_and_the_right_host(string typo)
    {
        var r = await Check($"{typo} IN TXT \"{T}\"");
        Assert.Equal(ChallengeStatus.Fail, r.Status);
        Assert.Contains($"from '{typo}' to '_workos-challenge'", Finding(r, FindingCodes.PrefixTypo).Fix);
    }

    [Fact]
    public async Task Wildcard_answering_for_the_name_fails_and_asks_for_a_real_record()
    {
        var r = await Check("*.contoso.test. IN TXT \"v=spf1 -all\"");
        Assert.Equal(ChallengeStatus.Fail, r.Status);
        DnsFinding f = Finding(r, FindingCodes.Wildcard);
        Assert.Equal(FindingSeverity.Fail, f.Severity);
        Assert.Contains("comes from a wildcard", f.Message);
        Assert.Contains("Create a TXT record in zone contoso.test: host '_workos-challenge'", f.Fix);
        Assert.Contains("leave the wildcard as it is", f.Fix);
        Assert.False(r.Has(FindingCodes.PrefixTypo)); // the wildcard's answers at probe names are not misplaced records
    }

    [Fact]
    public async Task CnameFollowed_within_the_zone()
    {
        var r = await Check($"_workos-challenge IN CNAME verify.contoso.test.\nverify IN TXT \"{T}\"");
        Assert.Equal(ChallengeStatus.Pass, r.Status);
        Assert.Contains("verify.contoso.test", Finding(r, FindingCodes.CnameFollowed).Message);
    }

    [Fact]
    public async Task CnameFollowed_into_another_zone_asks_that_zones_servers()
    {
        await using var lab = await DnsLab.StartAsync(
            (Zone, "_workos-challenge IN CNAME _challenge.fabrikam.test."),
            ("fabrikam.test", $"_challenge IN TXT \"{T}\""));
        var r = await lab.CheckAsync(Zone);
        Assert.Equal(ChallengeStatus.Pass, r.Status);
        Assert.Contains("_challenge.fabrikam.test", Finding(r, FindingCodes.CnameFollowed).Fix);
        Assert.Contains(r.Servers, s => s.QueryName == "_challenge.fabrikam.test" && s.Outcome == FindingCodes.Pass);
    }

    [Fact]
    public async Task CnameDangling_within_the_zone()
    {
        var r = await Check("_workos-challenge IN CNAME gone.contoso.test.");
        Assert.Equal(ChallengeStatus.Fail, r.Status);
        DnsFinding f = Finding(r, FindingCodes.CnameDangling);
        Assert.Contains("gone.contoso.test", f.Message);
        Assert.Contains("Create the TXT record at gone.contoso.test", f.Fix);
        Assert.Contains("delete the CNAME at host '_workos-challenge'", f.Fix);
    }

    [Fact]
    public async Task CnameDangling_into_another_zone()
    {
        await using var lab = await DnsLab.StartAsync(
            (Zone, "_workos-challenge IN CNAME gone.fabrikam.test."),
            ("fabrikam.test", ""));
        var r = await lab.CheckAsync(Zone);
        Assert.Equal(ChallengeStatus.Fail, r.Status);
        Assert.Contains("gone.fabrikam.test", Finding(r, FindingCodes.CnameDangling).Message);
    }

    [Fact]
    public async Task Delegated_subzones_are_followed_to_their_own_servers()
    {
        await using var lab = await DnsLab.StartAsync((Zone, "sub IN NS ns.sub\nns.sub IN A 127.0.0.2"));
        await lab.AddServerAsync("127.0.0.2", ("sub.contoso.test", $"@ IN NS ns.sub.contoso.test.\n_workos-challenge IN TXT \"{T}\""));

        var r = await lab.CheckAsync("sub.contoso.test");

        Assert.Equal(ChallengeStatus.Pass, r.Status);
        Assert.Equal("sub.contoso.test", r.Zone);
        Assert.False(r.Has(FindingCodes.Delegated)); // the zone of the domain itself: nothing delegated below it
        Assert.All(r.Servers, s => Assert.StartsWith("127.0.0.2:", s.Server));
    }

    [Fact]
    public async Task A_challenge_name_delegated_to_another_dns_service_is_followed()
    {
        // As with _acme-challenge delegations: the parent refers the record name to other servers.
        await using var lab = await DnsLab.StartAsync((Zone, "_workos-challenge IN NS ns.challenges\nns.challenges IN A 127.0.0.2"));
        await lab.AddServerAsync("127.0.0.2", ("_workos-challenge.contoso.test", $"@ IN NS ns.challenges.contoso.test.\n@ IN TXT \"{T}\""));

        var r = await lab.CheckAsync(Zone);

        Assert.Equal(ChallengeStatus.Pass, r.Status);
        Assert.Contains("Create the record in zone _workos-challenge.contoso.test", Finding(r, FindingCodes.Delegated).Fix);
        Assert.Contains(r.Servers, s => s.Server.StartsWith("127.0.0.2:") && s.Outcome == FindingCodes.Pass);
    }

    [Fact]
    public async Task NameserversDisagree_while_a_change_propagates_with_the_serials()
    {
        const string ns = "@ IN NS ns1\n@ IN NS ns2\nns1 IN A 127.0.0.1\nns2 IN A 127.0.0.2\n";
        await using var lab = await DnsLab.StartAsync((Zone, ns + $"_workos-challenge IN TXT \"{T}\""));
        KnotServer behind = await lab.AddServerAsync("127.0.0.2", (Zone, ns));
        await lab.Primary.UpdateZoneAsync(Zone, ns + $"_workos-challenge IN TXT \"{T}\"", serial: 5);

        var r = await lab.CheckAsync(Zone);

        Assert.Equal(ChallengeStatus.Fail, r.Status);
        DnsFinding f = Finding(r, FindingCodes.NameserversDisagree);
        Assert.Contains("ns1.contoso.test 5", f.Message);
        Assert.Contains("ns2.contoso.test 1", f.Message);
        Assert.Contains("SOA serials should match", f.Fix);
        Assert.True(r.Has(FindingCodes.RecordMissing));
        Assert.Equal(2, r.Servers.Count);
    }

    [Fact]
    public async Task LameNameserver_when_a_listed_server_refuses_the_zone()
    {
        const string ns = "@ IN NS ns1\n@ IN NS ns2\nns1 IN A 127.0.0.1\nns2 IN A 127.0.0.2\n";
        await using var lab = await DnsLab.StartAsync((Zone, ns + $"_workos-challenge IN TXT \"{T}\""));
        await lab.AddServerAsync("127.0.0.2", ("other.test", "")); // serves something else: REFUSED for contoso.test

        var r = await lab.CheckAsync(Zone);

        Assert.Equal(ChallengeStatus.Fail, r.Status);
        DnsFinding f = Finding(r, FindingCodes.LameNameserver);
        Assert.Contains("ns2.contoso.test", f.Message);
        Assert.Contains("REFUSED", f.Evidence);
        Assert.Contains("NS records of contoso.test", f.Fix);
    }

    [Fact]
    public async Task Timeout_when_a_listed_server_never_answers()
    {
        const string ns = "@ IN NS ns1\n@ IN NS ns2\nns1 IN A 127.0.0.1\nns2 IN A 127.0.0.3\n";
        await using var lab = await DnsLab.StartAsync((Zone, ns + $"_workos-challenge IN TXT \"{T}\""));
        lab.AddSilentServer("127.0.0.3");

        var r = await lab.CheckAsync(Zone);

        Assert.Equal(ChallengeStatus.Fail, r.Status);
        DnsFinding f = Finding(r, FindingCodes.Timeout);
        Assert.Contains("ns2.contoso.test", f.Message);
        Assert.Contains("port 53", f.Fix);
    }

    [Fact]
    public async Task Truncated_answers_are_fetched_again_over_tcp()
    {
        // Twenty 250-byte records: over 4,096 bytes, too big for one EDNS UDP answer.
        string filler = string.Join("\n", Enumerable.Range(0, 20).Select(i => $"_workos-challenge IN TXT \"{new string((char)('a' + i), 250)}\""));
        var r = await Check(filler + $"\n_workos-challenge IN TXT \"{T}\"");
        Assert.True(r.Passed);
        Assert.Contains("TCP port 53", Finding(r, FindingCodes.Truncated).Fix);
        Assert.True(Assert.Single(r.Servers).Truncated);
        Assert.Equal(21, r.Servers[0].Answers.Count);
    }

    [Fact]
    public async Task HighTtl_reports_the_wait_a_long_negative_ttl_implies()
    {
        var r = await Check("@ 7200 IN SOA ns1 hostmaster {serial} 3600 600 86400 7200");
        Assert.Equal(ChallengeStatus.Fail, r.Status);
        DnsFinding f = Finding(r, FindingCodes.HighTtl);
        Assert.Contains("up to 2 h", f.Message);
        Assert.Equal(7200, r.Servers[0].NegativeTtl); // min(SOA TTL, SOA MINIMUM)
    }

    [Fact]
    public async Task IdnConverted_for_internationalized_domains()
    {
        await using var lab = await DnsLab.StartAsync(("xn--bcher-kva.test", $"_workos-challenge IN TXT \"{T}\""));
        var r = await lab.CheckAsync("bücher.test");
        Assert.Equal(ChallengeStatus.Pass, r.Status);
        Assert.Equal("xn--bcher-kva.test", r.Domain);
        Assert.Contains("_workos-challenge.xn--bcher-kva.test", Finding(r, FindingCodes.IdnConverted).Fix);
    }

    [Fact]
    public async Task ZoneNotFound_is_an_error_not_a_failure()
    {
        var r = await Check("", domain: "nowhere.example");
        Assert.Equal(ChallengeStatus.Error, r.Status);
        Assert.Contains("registered and delegated", Finding(r, FindingCodes.ZoneNotFound).Fix);
    }

    [Fact]
    public async Task Without_a_prefix_the_apex_is_the_fallback_and_is_named()
    {
        var r = await Check($"@ IN TXT \"{T}\"", prefix: null);
        Assert.Equal(ChallengeStatus.Pass, r.Status);
        Assert.Equal(Zone, r.RecordName);
        Assert.Contains("apex", r.RecordNameSource);
        Assert.True(r.Has(FindingCodes.FallbackName));
    }

    [Fact]
    public async Task The_verification_prefix_from_workos_names_the_record()
    {
        var r = await Check($"workos-domain-verification-z3kjny IN TXT \"{T}\"", prefix: "workos-domain-verification-z3kjny");
        Assert.Equal(ChallengeStatus.Pass, r.Status);
        Assert.Equal("workos-domain-verification-z3kjny.contoso.test", r.RecordName);
        Assert.Contains("prefix from WorkOS", r.RecordNameSource);
    }
}
