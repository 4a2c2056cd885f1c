using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Api.Models;
using WorkOSDomains.Tests.Support;

namespace WorkOSDomains.Tests.Api;

/// <summary>The emulator's verify looks the TXT record up on a real DNS server, as WorkOS does.</summary>
public class DnsVerificationTests
{
    private const string Zone = "contoso.test";

    [Fact]
    public async Task A_domain_with_the_right_txt_record_is_verified()
    {
        await using var knot = await KnotServer.StartAsync(new Dictionary<string, string> { [Zone] = "" });
        await using var emulator = await TestEmulator.StartAsync(o => o.DnsServer = knot.EndPoint);
        using WorkOSClient client = emulator.Client();
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        OrganizationDomain domain = await client.CreateOrganizationDomainAsync(org.Id, Zone);

        Assert.Equal("pending", (await client.VerifyOrganizationDomainAsync(domain.Id)).State); // no record yet

        // Split into two character-strings, as long tokens often are: WorkOS joins them.
        string token = domain.VerificationToken!;
        await knot.UpdateZoneAsync(Zone, $"{domain.VerificationPrefix} IN TXT \"{token[..5]}\" \"{token[5..]}\"", serial: 2);
        OrganizationDomain verified = await client.VerifyOrganizationDomainAsync(domain.Id);

        Assert.Equal("verified", verified.State);
        WorkOSEvent verifiedEvent = Assert.Single(client.ListEvents(new EventQuery { Events = ["organization_domain.verified"] }));
        Assert.Equal(domain.Id, Assert.IsType<OrganizationDomainEvent>(verifiedEvent).OrganizationDomain.Id);
    }

    [Fact]
    public async Task A_wrong_value_or_wrong_place_never_verifies_and_ends_failed()
    {
        await using var knot = await KnotServer.StartAsync(new Dictionary<string, string> { [Zone] = "" });
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.DnsServer = knot.EndPoint;
            o.FailAfterAttempts = 2;
        });
        using WorkOSClient client = emulator.Client();
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        OrganizationDomain domain = await client.CreateOrganizationDomainAsync(org.Id, Zone);
        // The token at the apex (wrong place) and a wrong value at the right name.
        await knot.UpdateZoneAsync(Zone, $"@ IN TXT \"{domain.VerificationToken}\"\n{domain.VerificationPrefix} IN TXT \"not-the-token\"", serial: 2);

        Assert.Equal("pending", (await client.VerifyOrganizationDomainAsync(domain.Id)).State);
        Assert.Equal("failed", (await client.VerifyOrganizationDomainAsync(domain.Id)).State);
    }
}
