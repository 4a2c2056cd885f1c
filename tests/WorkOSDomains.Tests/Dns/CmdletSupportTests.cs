using WorkOSDomains.Engine.Validation;
using System.Net;
using WorkOSDomains.Engine.Concurrency;
using WorkOSDomains.Engine.Dns;
using WorkOSDomains.Tests.Support;

namespace WorkOSDomains.Tests.Dns;

/// <summary>The engine parts behind the DNS cmdlets: ordering, waiting, addresses, instructions.</summary>
public class CmdletSupportTests
{
    [Fact]
    public void Results_come_back_in_input_order_although_they_finish_out_of_order()
    {
        var runner = new OrderedRunner<int>(4, default);
        int[] delays = [300, 10, 200, 0, 100, 50, 0, 250];
        for (int i = 0; i < delays.Length; i++)
        {
            int index = i;
            runner.Add(async ct => { await Task.Delay(delays[index], ct); return index; });
        }

        var results = new List<int>();
        while (runner.Pending > 0)
        {
            runner.WaitForNext(TimeSpan.FromSeconds(5));
            while (runner.TryTake(out int r)) results.Add(r);
        }

        Assert.Equal(Enumerable.Range(0, delays.Length), results);
    }

    [Fact]
    public async Task The_throttle_limit_caps_concurrent_work()
    {
        var runner = new OrderedRunner<int>(3, default);
        int running = 0, peak = 0;
        for (int i = 0; i < 12; i++)
        {
            runner.Add(async ct =>
            {
                int now = Interlocked.Increment(ref running);
                InterlockedMax(ref peak, now);
                await Task.Delay(30, ct);
                Interlocked.Decrement(ref running);
                return now;
            });
        }
        while (runner.Pending > 0) { runner.WaitForNext(TimeSpan.FromSeconds(5)); runner.TryTake(out _); }
        await Task.Yield();
        Assert.Equal(3, peak);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }

    [Fact]
    public async Task Waiting_ends_as_soon_as_the_record_appears()
    {
        await using var lab = await DnsLab.StartAsync(("contoso.test", ""));
        var inspector = new DnsInspector(lab.Options());
        var attempts = new List<ChallengeStatus>();
        var publish = Task.Run(async () =>
        {
            await Task.Delay(700);
            await lab.Primary.UpdateZoneAsync("contoso.test", $"_workos-challenge IN TXT \"{DnsLab.Token}\"", serial: 2);
        });

        DnsChallengeResult r = await DnsWaiter.WaitAsync(inspector, DnsChallenge.Create("contoso.test", DnsLab.Token, "_workos-challenge"),
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200), (_, result) => attempts.Add(result.Status), default);
        await publish;

        Assert.Equal(ChallengeStatus.Pass, r.Status);
        Assert.True(attempts.Count >= 2);
        Assert.Equal(ChallengeStatus.Fail, attempts[0]);
    }

    [Fact]
    public async Task Waiting_never_asks_the_bootstrap_resolver_about_the_record_name()
    {
        // A resolver asked about a record that does not exist yet caches "no such name".
        await using var lab = await DnsLab.StartAsync(("contoso.test", ""));
        using var resolver = new RecordingRelay(lab.Primary.EndPoint);

        DnsChallengeResult r = await DnsWaiter.WaitAsync(new DnsInspector(lab.Options(o => o.BootstrapResolvers = [resolver.EndPoint])),
            DnsChallenge.Create("contoso.test", DnsLab.Token, "_workos-challenge"), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(100), null, default);

        Assert.Equal(ChallengeStatus.Fail, r.Status);
        Assert.Contains("contoso.test", resolver.Questions); // the resolver did find the zone
        Assert.DoesNotContain(resolver.Questions, q => q.Contains("_workos-challenge"));
    }

    [Fact]
    public async Task Waiting_gives_up_at_the_timeout_with_the_last_result()
    {
        await using var lab = await DnsLab.StartAsync(("contoso.test", ""));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        DnsChallengeResult r = await DnsWaiter.WaitAsync(new DnsInspector(lab.Options()), DnsChallenge.Create("contoso.test", DnsLab.Token, null),
            TimeSpan.FromMilliseconds(600), TimeSpan.FromMilliseconds(200), null, default);

        Assert.Equal(ChallengeStatus.Fail, r.Status);
        Assert.True(r.Has(FindingCodes.RecordMissing));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("192.0.2.53", "192.0.2.53:53")]
    [InlineData("192.0.2.53:5353", "192.0.2.53:5353")]
    [InlineData("2001:db8::53", "[2001:db8::53]:53")]
    [InlineData("[2001:db8::53]:5353", "[2001:db8::53]:5353")]
    [InlineData(" localhost:53 ", "127.0.0.1:53")]
    public void Server_addresses_parse(string text, string expected) =>
        Assert.Equal(expected, ServerAddress.Parse(text).ToString());

    [Theory]
    [InlineData("192.0.2.53:99999", "between 1 and 65535")]
    [InlineData("192.0.2.53:dns", "not a number")]
    [InlineData("[2001:db8::53", "closing ']'")]
    [InlineData("", "no host")]
    [InlineData("no-such-host.invalid", "does not resolve")]
    public void Bad_server_addresses_name_the_value(string text, string why)
    {
        var e = Assert.Throws<InvalidInputException>(() => ServerAddress.Parse(text));
        Assert.Contains(why, e.Message);
        Assert.Contains($"'{text}'", e.Message);
        Assert.Equal("Server", e.ParamName);
    }

    [Theory]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.0.0.0:53", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("[ff02::fb]:5353", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("0.0.0.1", "this network")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("::ffff:224.0.0.1", "multicast")]
    [InlineData("::ffff:0.0.0.0", "unspecified")]
    public void Addresses_that_cannot_be_a_dns_server_are_refused(string text, string why)
    {
        var e = Assert.Throws<InvalidInputException>(() => ServerAddress.Parse(text));
        Assert.Contains(why, e.Message);
        Assert.Equal("Server", e.ParamName);
    }

    [Fact]
    public void A_host_name_longer_than_dns_allows_is_refused_naming_the_parameter()
    {
        string host = string.Join(".", Enumerable.Repeat(new string('a', 60), 5)); // 304 characters
        var e = Assert.Throws<InvalidInputException>(() => ServerAddress.Parse(host, "BootstrapServer"));
        Assert.Equal("BootstrapServer", e.ParamName);
        Assert.Contains("304 characters", e.Message);
    }

    [Fact]
    public void A_domain_whose_record_name_would_be_longer_than_dns_allows_is_refused_up_front()
    {
        string domain = string.Join(".", Enumerable.Repeat(new string('a', 59), 4)) + ".com"; // 243 characters, valid alone
        var e = Assert.Throws<InvalidInputException>(() => DnsChallenge.Create(domain, "t", "_workos-challenge"));
        Assert.Equal("Domain", e.ParamName);
        Assert.Contains("261 characters", e.Message);
    }

    [Theory]
    [InlineData("192.0.2.1", "is an IP address")]
    [InlineData("[2001:db8::1]", "is an IP address")]
    [InlineData("contoso.123", "no top-level domain is a number")]
    public void Ip_addresses_and_numeric_top_level_domains_are_not_domains(string domain, string why)
    {
        var e = Assert.Throws<InvalidInputException>(() => DnsChallenge.Create(domain, "t", null));
        Assert.Contains(why, e.Message);
    }

    [Fact]
    public async Task A_long_domain_is_checked_without_asking_for_names_dns_cannot_hold()
    {
        // 196 characters: the record name fits, the zone typed twice would not.
        string domain = string.Join(".", Enumerable.Repeat(new string('a', 60), 3)) + ".contoso.test";
        await using var lab = await DnsLab.StartAsync(("contoso.test", ""));

        DnsChallengeResult r = await lab.CheckAsync(domain);

        Assert.Equal(ChallengeStatus.Fail, r.Status);
        Assert.True(r.Has(FindingCodes.RecordMissing));
    }

    [Fact]
    public void The_record_instruction_and_its_provider_commands()
    {
        DnsRecordInstruction r = DnsRecords.Instruction(DnsChallenge.Create("login.contoso.com", "tok3n", null), "contoso.com");

        Assert.Equal("_workos-challenge.login", r.HostName);
        Assert.Equal("_workos-challenge.login.contoso.com", r.Name);
        Assert.Equal("Add-DnsServerResourceRecord -ZoneName 'contoso.com' -Name '_workos-challenge.login' -Txt -DescriptiveText 'tok3n' -TimeToLive ([TimeSpan]::FromSeconds(300))", r.ToWindowsDns());
        Assert.StartsWith("New-AzDnsRecordSet -ResourceGroupName 'it''s-rg' -ZoneName 'contoso.com' -Name '_workos-challenge.login' -RecordType TXT -Ttl 300 -DnsRecords (New-AzDnsRecordConfig -Value 'tok3n')", r.ToAzureDns("it's-rg"));
        Assert.Contains("Add-AzDnsRecordConfig", r.ToAzureDns(null));
        Assert.Contains("'<resource-group>'", r.ToAzureDns(null));
        Assert.Equal("_workos-challenge.login.contoso.com. 300 IN TXT \"tok3n\"", r.ToBind());
    }

    [Fact]
    public void A_zone_that_does_not_contain_the_record_is_refused()
    {
        var e = Assert.Throws<InvalidInputException>(() => DnsRecords.Instruction(DnsChallenge.Create("contoso.com", "t", null), "fabrikam.com"));
        Assert.Equal("Zone", e.ParamName);
    }

    [Fact]
    public void A_domain_too_long_for_the_default_prefix_is_checked_at_its_apex()
    {
        // 236 characters: _workos-challenge.<domain> would not fit DNS, the apex does.
        string domain = string.Join(".", Enumerable.Repeat(new string('a', 58), 4)) + ".test";

        DnsChallenge challenge = DnsChallenge.Create(domain, "tok", prefix: null);

        Assert.Equal(domain, challenge.RecordName);
        Assert.Contains("apex", challenge.RecordNameSource);
        Assert.Throws<InvalidInputException>(() => DnsChallenge.Create(domain, "tok", "_workos-challenge"));
    }
}
