using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Api.Models;
using WorkOSDomains.Engine.Dns;
using WorkOSDomains.Engine.Verification;
using WorkOSDomains.Tests.Support;

namespace WorkOSDomains.Tests.Verification;

/// <summary>The verification workflow against the emulator, whose DNS checks ask a real Knot server.</summary>
public class DomainVerifierTests
{
    private const string Zone = "verify.example";

    private static async Task<(TestEmulator Emulator, WorkOSClient Client, OrganizationDomain Domain)> StartAsync(DnsLab lab, Action<Emulator.EmulatorOptions>? configure = null)
    {
        TestEmulator emulator = await TestEmulator.StartAsync(o =>
        {
            o.DnsServer = lab.Primary.EndPoint;
            configure?.Invoke(o);
        });
        WorkOSClient client = emulator.Client();
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        return (emulator, client, await client.CreateOrganizationDomainAsync(org.Id, Zone));
    }

    private static string Record(OrganizationDomain d, string value) => $"{d.VerificationPrefix} IN TXT \"{value}\"";

    [Fact]
    public async Task A_wrong_record_stops_verification_before_it_is_started()
    {
        await using var lab = await DnsLab.StartAsync((Zone, ""));
        var (emulator, client, domain) = await StartAsync(lab);
        await using var _ = emulator;
        using var __ = client;
        await lab.Primary.UpdateZoneAsync(Zone, Record(domain, " " + domain.VerificationToken), 2);
        var verifier = new DomainVerifier(client, new DnsInspector(lab.Options()));

        var e = await Assert.ThrowsAsync<DnsNotReadyException>(() => verifier.VerifyAsync(domain.Id, new VerificationOptions(), null, default));

        Assert.True(e.DnsCheck.Has(FindingCodes.ValueWhitespace));
        Assert.Equal("pending", (await client.GetOrganizationDomainAsync(domain.Id)).State);
    }

    [Fact]
    public async Task A_right_record_verifies_and_waiting_reports_progress()
    {
        await using var lab = await DnsLab.StartAsync((Zone, ""));
        var (emulator, client, domain) = await StartAsync(lab, o => o.VerifyDelay = TimeSpan.FromMilliseconds(300));
        await using var _ = emulator;
        using var __ = client;
        await lab.Primary.UpdateZoneAsync(Zone, Record(domain, domain.VerificationToken!), 2);
        var verifier = new DomainVerifier(client, new DnsInspector(lab.Options()));
        var seen = new List<string?>();

        VerificationReport report = await verifier.VerifyAsync(domain.Id,
            new VerificationOptions { Wait = true, Interval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromSeconds(20) },
            (d, _) => seen.Add(d.State), default);

        Assert.Equal("verified", report.Domain.State);
        Assert.Equal(ChallengeStatus.Pass, report.DnsCheck!.Status);
        Assert.False(report.RecordChanged);
        Assert.Equal("verified", seen.Last());
    }

    [Fact]
    public async Task A_restart_after_failure_reports_the_new_record()
    {
        await using var lab = await DnsLab.StartAsync((Zone, ""));
        var (emulator, client, domain) = await StartAsync(lab, o => o.FailAfterAttempts = 1);
        await using var _ = emulator;
        using var __ = client;
        var verifier = new DomainVerifier(client, new DnsInspector(lab.Options()));
        await Assert.ThrowsAsync<VerificationFailedException>(() => verifier.VerifyAsync(domain.Id, new VerificationOptions { CheckDnsFirst = false }, null, default));
        await lab.Primary.UpdateZoneAsync(Zone, Record(domain, domain.VerificationToken!), 2);

        // The old record passes the pre-check; WorkOS starts over with a new token, which is not published.
        var e = await Assert.ThrowsAsync<VerificationFailedException>(() => verifier.VerifyAsync(domain.Id, new VerificationOptions(), null, default));

        Assert.True(e.RecordChanged);
        Assert.NotEqual(domain.VerificationToken, e.Domain.VerificationToken);
        Assert.True(e.DnsCheck!.Has(FindingCodes.WrongValue));
    }

    [Fact]
    public async Task An_already_verified_domain_is_a_success_without_a_verify_call()
    {
        await using var lab = await DnsLab.StartAsync((Zone, ""));
        var (emulator, client, domain) = await StartAsync(lab);
        await using var _ = emulator;
        using var __ = client;
        await lab.Primary.UpdateZoneAsync(Zone, Record(domain, domain.VerificationToken!), 2);
        await client.VerifyOrganizationDomainAsync(domain.Id);
        var recorder = new Recorder();
        using WorkOSClient watched = emulator.Client(o => o.Diagnostics = recorder.Add);

        VerificationReport report = await new DomainVerifier(watched, new DnsInspector(lab.Options())).VerifyAsync(domain.Id, new VerificationOptions(), null, default);

        Assert.True(report.WasAlreadyVerified);
        Assert.DoesNotContain(recorder.Records, r => r.Path.EndsWith("/verify"));
    }

    [Fact]
    public async Task Waiting_stops_at_once_when_cancelled()
    {
        await using var lab = await DnsLab.StartAsync((Zone, ""));
        var (emulator, client, domain) = await StartAsync(lab, o => o.VerifyDelay = TimeSpan.FromMinutes(5));
        await using var _ = emulator;
        using var __ = client;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new DomainVerifier(client, null).VerifyAsync(domain.Id,
            new VerificationOptions { Wait = true, Interval = TimeSpan.FromSeconds(30), Timeout = TimeSpan.FromMinutes(5) }, null, cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }
}
