using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Api.Models;
using WorkOSDomains.Tests.Support;

namespace WorkOSDomains.Tests.Api;

/// <summary>
/// Creates whose answer is lost are retried; whether or not the server honours the
/// Idempotency-Key, exactly one resource results, and the caller gets it.
/// </summary>
public class ExactlyOnceTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_domain_claim_whose_answer_was_lost_returns_the_domain_it_made(bool honoured)
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.HonourIdempotencyKey = honoured);
        var recorder = new Recorder();
        using WorkOSClient client = emulator.Client(o => o.Diagnostics = recorder.Add);
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        await emulator.FaultAsync(new { kind = "reset_after_commit", method = "POST", path = "/organization_domains", count = 1 });

        OrganizationDomain domain = await client.CreateOrganizationDomainAsync(org.Id, "once.contoso.example");

        OrganizationDomain stored = Assert.Single((await client.GetOrganizationAsync(org.Id)).Domains);
        Assert.Equal(stored.Id, domain.Id);
        // Only a server that ignored the key answers 409 on the retry, which the client then resolves.
        Assert.Equal(!honoured, recorder.Records.Any(r => r.Note != null && r.Note.Contains("an earlier attempt claimed once.contoso.example")));
    }

    [Fact]
    public async Task A_first_attempt_that_meets_an_existing_domain_is_a_real_conflict()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.HonourIdempotencyKey = false);
        using WorkOSClient client = emulator.Client();
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        await client.CreateOrganizationDomainAsync(org.Id, "taken.contoso.example");

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.CreateOrganizationDomainAsync(org.Id, "taken.contoso.example"));

        Assert.Equal(ApiFailure.DomainAlreadyExists, e.Failure);
    }

    [Fact]
    public async Task A_retry_that_meets_the_domain_in_another_organization_stays_a_conflict()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.HonourIdempotencyKey = false);
        using WorkOSClient client = emulator.Client();
        Organization mine = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Mine" });
        // The first attempt fails before WorkOS answers (503), the retry meets a conflict: the domain is not ours to return.
        await emulator.FaultAsync(new { kind = "status", status = 503, method = "POST", path = "/organization_domains", count = 1 });
        await emulator.FaultAsync(new { kind = "status", status = 409, body = "{\"code\":\"domain_already_exists\",\"message\":\"Domain already exists\"}", method = "POST", path = "/organization_domains", count = 1 });

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.CreateOrganizationDomainAsync(mine.Id, "theirs.contoso.example"));

        Assert.Equal(ApiFailure.DomainAlreadyExists, e.Failure);
        Assert.Empty((await client.GetOrganizationAsync(mine.Id)).Domains);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_organization_with_an_external_id_is_created_once(bool honoured)
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.HonourIdempotencyKey = honoured);
        using WorkOSClient client = emulator.Client();
        await emulator.FaultAsync(new { kind = "reset_after_commit", method = "POST", path = "/organizations", count = 1 });

        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Once", ExternalId = "crm-once" });

        Organization only = Assert.Single(client.ListOrganizations(new OrganizationQuery()));
        Assert.Equal(only.Id, org.Id);
        Assert.Equal("crm-once", org.ExternalId);
    }
}
