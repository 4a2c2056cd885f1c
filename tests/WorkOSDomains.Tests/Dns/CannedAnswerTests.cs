using WorkOSDomains.Engine.Dns;
using WorkOSDomains.Tests.Support;

namespace WorkOSDomains.Tests.Dns;

/// <summary>Answers Knot never gives, replayed by ldns-testns (tests/dns/broken.test.data).</summary>
public class CannedAnswerTests
{
    private static async Task<DnsChallengeResult> Check(string txtReply)
    {
        await using var server = await CannedDnsServer.StartAsync(txtReply);
        var options = new DnsCheckOptions
        {
            BootstrapResolvers = [server.EndPoint],
            AuthoritativePort = server.Port,
            QueryTimeout = TimeSpan.FromMilliseconds(700),
        };
        return await new DnsInspector(options).CheckAsync(DnsChallenge.Create("broken.test", DnsLab.Token, "_workos-challenge"));
    }

    [Fact]
    public async Task ServerFailure_on_servfail_and_no_usable_answer_is_an_error()
    {
        var r = await Check("REPLY QR SERVFAIL");
        Assert.Equal(ChallengeStatus.Error, r.Status);
        DnsFinding f = r.Findings.Single(x => x.Code == FindingCodes.ServerFailure);
        Assert.Contains("SERVFAIL", f.Message);
        Assert.Contains("DNSSEC", f.Fix);
    }

    [Fact]
    public async Task LameNameserver_on_refused()
    {
        var r = await Check("REPLY QR REFUSED");
        Assert.Equal(ChallengeStatus.Error, r.Status);
        Assert.Contains("NS records of broken.test", r.Findings.Single(x => x.Code == FindingCodes.LameNameserver).Fix);
    }

    [Fact]
    public async Task LameNameserver_on_an_answer_without_authority()
    {
        var r = await Check("REPLY QR NOERROR");
        Assert.Equal(ChallengeStatus.Error, r.Status);
        DnsFinding f = r.Findings.Single(x => x.Code == FindingCodes.LameNameserver);
        Assert.Contains("without AA", f.Evidence);
        Assert.Contains("ns1.broken.test", f.Message);
    }

    [Fact]
    public async Task NegativeWithoutSoa_on_an_empty_authoritative_answer_with_no_soa()
    {
        var r = await Check("REPLY QR AA NOERROR");
        Assert.Equal(ChallengeStatus.Fail, r.Status);
        DnsFinding f = r.Findings.Single(x => x.Code == FindingCodes.NegativeWithoutSoa);
        Assert.Contains("RFC 2308", f.Fix);
        Assert.Contains("host '_workos-challenge'", f.Fix);
    }
}
