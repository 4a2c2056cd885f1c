using WorkOSDomains.Engine.Validation;
using System.Net;
using System.Text.Json;
using WorkOSDomains.Emulator;
using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Api.Http;
using WorkOSDomains.Engine.Api.Models;
using WorkOSDomains.Engine.Json;
using WorkOSDomains.Tests.Support;

namespace WorkOSDomains.Tests.Api;

/// <summary>What goes over the wire: JSON tolerance, headers, idempotent replay, event ranges.</summary>
public class WireTests
{
    [Fact]
    public void Unknown_fields_are_ignored_and_absent_optional_fields_stay_null()
    {
        const string json = """
            {"object":"organization_domain","id":"org_domain_1","organization_id":"org_1","domain":"contoso.example",
             "state":"legacy_verified","brand_new_field":{"nested":[1,2]},"created_at":"2026-01-15T12:00:00.000Z","updated_at":"2026-01-15T12:30:00.000Z"}
            """;

        OrganizationDomain domain = JsonSerializer.Deserialize(json, WorkOSJsonContext.Default.OrganizationDomain)!;

        Assert.Equal("legacy_verified", domain.State);
        Assert.True(domain.IsVerified);
        Assert.Null(domain.VerificationToken);
        Assert.Null(domain.VerificationPrefix);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 12, 30, 0, TimeSpan.Zero), domain.UpdatedAt);
    }

    [Fact]
    public async Task Requests_carry_the_bearer_key_and_the_user_agent()
    {
        HttpRequestMessage? seen = null;
        var handler = new AuthenticationHandler(ApiKey.Parse("sk_test_fake_header"), "WorkOSDomains/1.2.3 (PowerShell 7.6.9; Linux)")
        {
            InnerHandler = new Capture(r => seen = r),
        };
        using var invoker = new HttpMessageInvoker(handler);

        await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/organizations"), default);

        Assert.Equal("Bearer sk_test_fake_header", seen!.Headers.Authorization!.ToString());
        Assert.Equal("WorkOSDomains/1.2.3 (PowerShell 7.6.9; Linux)", seen.Headers.UserAgent.ToString());
    }

    [Fact]
    public void The_client_user_agent_names_the_module_version_and_the_host()
    {
        using var client = new WorkOSClient(new WorkOSClientOptions { ApiKey = ApiKey.Parse("sk_test_fake"), UserAgentComment = "PowerShell 7.6.9; Linux" });
        Assert.Matches(@"^WorkOSDomains/\d+\.\d+\.\d+ \(PowerShell 7\.6\.9; Linux\)$", client.UserAgent);
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_the_first_result()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client();
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        string key = Guid.NewGuid().ToString();

        OrganizationDomain first = await client.CreateOrganizationDomainAsync(org.Id, "contoso.example", key);
        OrganizationDomain again = await client.CreateOrganizationDomainAsync(org.Id, "contoso.example", key);
        var reused = await Assert.ThrowsAsync<WorkOSApiException>(() => client.CreateOrganizationDomainAsync(org.Id, "fabrikam.example", key));

        Assert.Equal(first.Id, again.Id);
        Assert.Single((await client.GetOrganizationAsync(org.Id)).Domains);
        Assert.Equal("idempotency_key_reused", reused.Code);
    }

    [Fact]
    public async Task Events_are_filtered_by_time_range()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client();
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        await client.CreateOrganizationDomainAsync(org.Id, "early.contoso.example");
        await Task.Delay(50);
        DateTimeOffset middle = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await client.CreateOrganizationDomainAsync(org.Id, "late.contoso.example");

        var query = new EventQuery { Events = ["organization_domain.created"] };
        query.RangeStart = middle;
        Assert.Equal("late.contoso.example", Assert.IsType<OrganizationDomainEvent>(Assert.Single(client.ListEvents(query))).OrganizationDomain.Domain);
        query.RangeStart = null;
        query.RangeEnd = middle;
        Assert.Equal("early.contoso.example", Assert.IsType<OrganizationDomainEvent>(Assert.Single(client.ListEvents(query))).OrganizationDomain.Domain);
    }

    [Theory]
    [InlineData("organizations", "{}", "name")]
    [InlineData("organization_domains", "{\"organization_id\":\"org_1\"}", "domain")]
    [InlineData("portal/generate_link", "{\"organization\":\"org_1\"}", "intent")]
    public async Task The_emulator_answers_invalid_bodies_with_422_and_the_field(string path, string body, string field)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestEmulator.Key);

        using HttpResponseMessage response = await http.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(422, (int)response.StatusCode);
        Assert.True(response.Headers.Contains("X-Request-ID"));
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(field, json.RootElement.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_emulator_refuses_to_listen_beyond_loopback()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorHost.StartAsync(new EmulatorOptions(), IPAddress.Any));
        Assert.Contains("loopback only", e.Message);
    }

    private sealed class Capture(Action<HttpRequestMessage> seen) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
