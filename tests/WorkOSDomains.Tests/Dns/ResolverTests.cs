using System.Net;
using WorkOSDomains.Engine.Dns;
using WorkOSDomains.Tests.Support;

namespace WorkOSDomains.Tests.Dns;

/// <summary>-Server: what given resolvers serve, instead of or besides the authoritative servers.</summary>
public class ResolverTests
{
    private const string Zone = "contoso.test";
    private const string T = DnsLab.Token;

    [Fact]
    public async Task Resolvers_alone_are_asked_with_recursion_and_decide_the_status()
    {
        await using var lab = await DnsLab.StartAsync((Zone, $"_workos-challenge IN TXT \"{T}\""));
        var r = await lab.CheckAsync(Zone, configure: o => { o.IncludeAuthoritative = false; o.Resolvers = [lab.Primary.EndPoint]; });

        Assert.Equal(ChallengeStatus.Pass, r.Status);
        Assert.Equal("Resolver", Assert.Single(r.Servers).Role);
        Assert.Equal(Zone, r.Zone); // learned through the resolver: the SOA of the domain
        Assert.Empty(r.Nameservers);
    }

    [Fact]
    public async Task ResolverStale_when_a_cache_still_serves_the_old_answer()
    {
        await using var lab = await DnsLab.StartAsync((Zone, $"_workos-challenge IN TXT \"{T}\""));
        KnotServer cache = await lab.AddServerAsync("127.0.0.4", (Zone, "_workos-challenge IN TXT \"an-old-token\""));

        var r = await lab.CheckAsync(Zone, configure: o => o.Resolvers = [cache.EndPoint]);

        Assert.Equal(ChallengeStatus.Warning, r.Status);
        DnsFinding f = r.Findings.Single(x => x.Code == FindingCodes.ResolverStale);
        Assert.Contains("127.0.0.4", f.Message);
        Assert.Contains("expires within 5 min", f.Fix);
        Assert.Contains(r.Servers, s => s.Role == "Authoritative" && s.Outcome == FindingCodes.Pass);
        Assert.Contains(r.Servers, s => s.Role == "Resolver" && s.Outcome == FindingCodes.WrongValue);
    }

    [Fact]
    public async Task An_unreachable_resolver_is_a_finding_not_a_crash()
    {
        await using var lab = await DnsLab.StartAsync((Zone, ""));
        IPEndPoint silent = lab.AddSilentServer("127.0.0.5");

        var r = await lab.CheckAsync(Zone, configure: o => { o.IncludeAuthoritative = false; o.Resolvers = [silent]; });

        Assert.Equal(ChallengeStatus.Error, r.Status);
        Assert.Contains("127.0.0.5", r.Findings.Single(x => x.Code == FindingCodes.Timeout).Message);
    }
}
