using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Api.Models;
using WorkOSDomains.Tests.Support;

namespace WorkOSDomains.Tests.Api;

public class OperationTests
{
    [Fact]
    public async Task Organizations_are_created_read_and_found_by_external_id_and_filters()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client();

        Organization created = await client.CreateOrganizationAsync(new CreateOrganizationRequest
        {
            Name = "Contoso",
            ExternalId = "crm-42",
            DomainData = [new DomainData { Domain = "Contoso.Example", State = "pending" }],
            Metadata = new() { ["tier"] = "gold" },
        });
        await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Fabrikam" });

        Assert.StartsWith("org_", created.Id);
        OrganizationDomain domain = Assert.Single(created.Domains);
        Assert.Equal("contoso.example", domain.Domain);
        Assert.Equal("pending", domain.State);
        Assert.Equal("gold", created.Metadata!["tier"]);

        Assert.Equal("Contoso", (await client.GetOrganizationAsync(created.Id)).Name);
        Assert.Equal(created.Id, (await client.GetOrganizationByExternalIdAsync("crm-42")).Id);
        Assert.Equal(created.Id, Assert.Single(client.ListOrganizations(new OrganizationQuery { Domains = ["contoso.example"] })).Id);
        Assert.Equal("Fabrikam", Assert.Single(client.ListOrganizations(new OrganizationQuery { Search = "fab" })).Name);
        Assert.Equal(["Contoso", "Fabrikam"], client.ListOrganizations(new OrganizationQuery { Order = "asc" }).Select(o => o.Name));
        Assert.Equal(["Fabrikam", "Contoso"], client.ListOrganizations(new OrganizationQuery { Order = "desc" }).Select(o => o.Name));
    }

    [Fact]
    public async Task Domains_are_created_read_verified_and_deleted_with_events()
    {
        await using var emulator = await TestEmulator.StartAsync(); // no DNS server: every record passes
        using WorkOSClient client = emulator.Client();
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });

        OrganizationDomain domain = await client.CreateOrganizationDomainAsync(org.Id, " Login.Contoso.Example. ");
        Assert.Equal("login.contoso.example", domain.Domain);
        Assert.Equal(org.Id, domain.OrganizationId);
        Assert.False(string.IsNullOrEmpty(domain.VerificationToken));
        Assert.StartsWith("workos-domain-verification-", domain.VerificationPrefix);

        Assert.Equal(domain.Id, (await client.GetOrganizationDomainAsync(domain.Id)).Id);
        OrganizationDomain verified = await client.VerifyOrganizationDomainAsync(domain.Id);
        Assert.Equal("verified", verified.State);
        Assert.True(verified.IsVerified);

        await client.DeleteOrganizationDomainAsync(domain.Id);
        var gone = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationDomainAsync(domain.Id));
        Assert.True(gone.IsNotFound);

        List<WorkOSEvent> events = client.ListEvents(new EventQuery
        {
            Events = ["organization_domain.created", "organization_domain.verified", "organization_domain.deleted"],
            OrganizationId = org.Id,
        }).ToList();
        Assert.Equal(["organization_domain.created", "organization_domain.verified", "organization_domain.deleted"], events.Select(e => e.Event));
        Assert.All(events, e => Assert.Equal(domain.Id, Assert.IsType<OrganizationDomainEvent>(e).OrganizationDomain.Id));
    }

    [Fact]
    public async Task Portal_link_carries_intent_and_five_minute_expiry()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client();
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });

        PortalLink link = await client.GeneratePortalLinkAsync(new PortalLinkRequest
        {
            Organization = org.Id,
            Intent = "domain_verification",
            ReturnUrl = "https://app.example.com/settings",
            ItContactEmails = ["it@contoso.example"],
        });

        Assert.Contains("intent=domain_verification", link.Link);
        Assert.Equal("domain_verification", link.Intent);
        Assert.InRange(link.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4.9), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Unknown_states_and_missing_optional_fields_are_kept_as_they_come()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.SeedFile = WriteSeed("""
            {"organizations":[{"id":"org_seeded","name":"Seeded","domain_data":[{"domain":"future.example","state":"quarantined"}]}]}
            """));
        using WorkOSClient client = emulator.Client();

        Organization org = await client.GetOrganizationAsync("org_seeded");
        Assert.Equal("quarantined", Assert.Single(org.Domains).State);
        Assert.False(org.Domains[0].IsVerified);
        Assert.Null(org.ExternalId);
    }

    [Fact]
    public async Task A_failed_domain_can_be_verified_again_and_gets_a_new_token()
    {
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.DnsServer = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 9); // nothing answers: every check fails
            o.FailAfterAttempts = 2;
        });
        using WorkOSClient client = emulator.Client();
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        OrganizationDomain domain = await client.CreateOrganizationDomainAsync(org.Id, "contoso.example");

        Assert.Equal("pending", (await client.VerifyOrganizationDomainAsync(domain.Id)).State);
        OrganizationDomain failed = await client.VerifyOrganizationDomainAsync(domain.Id);
        Assert.Equal("failed", failed.State);
        OrganizationDomain again = await client.VerifyOrganizationDomainAsync(domain.Id);
        Assert.Equal("pending", again.State);
        Assert.NotEqual(domain.VerificationToken, again.VerificationToken);

        var failure = Assert.IsType<DomainVerificationFailedEvent>(Assert.Single(client.ListEvents(new EventQuery { Events = ["organization_domain.verification_failed"] })));
        Assert.Equal("domain_verification_period_expired", failure.Reason);
        Assert.Equal(domain.Id, failure.OrganizationDomain.Id);
    }

    [Fact]
    public async Task Pending_is_observable_while_the_dns_check_is_delayed()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.VerifyDelay = TimeSpan.FromMilliseconds(300));
        using WorkOSClient client = emulator.Client();
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        OrganizationDomain domain = await client.CreateOrganizationDomainAsync(org.Id, "contoso.example");

        Assert.Equal("pending", (await client.VerifyOrganizationDomainAsync(domain.Id)).State);
        Assert.Equal("pending", (await client.GetOrganizationDomainAsync(domain.Id)).State);
        await Task.Delay(800);
        Assert.Equal("verified", (await client.GetOrganizationDomainAsync(domain.Id)).State);
    }

    internal static string WriteSeed(string json)
    {
        string path = Path.Combine(Path.GetTempPath(), $"workos-seed-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
