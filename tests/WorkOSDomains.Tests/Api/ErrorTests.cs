using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Api.Models;
using WorkOSDomains.Tests.Support;

namespace WorkOSDomains.Tests.Api;

public class ErrorTests
{
    [Fact]
    public async Task Wrong_key_gets_401_with_advice_and_request_id()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client(key: "sk_test_fake_wrong");

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        Assert.Equal(401, e.StatusCode);
        Assert.Equal("unauthorized", e.Code);
        Assert.Contains("starts with sk_ and belongs to this environment", e.Message);
        Assert.False(string.IsNullOrEmpty(e.RequestId));
        Assert.Contains(e.RequestId!, e.Message);
        Assert.Equal(1, e.Attempts); // a 401 is never retried
    }

    [Fact]
    public async Task Not_found_names_the_id()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client();

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.VerifyOrganizationDomainAsync("org_domain_missing"));

        Assert.True(e.IsNotFound);
        Assert.Contains("'org_domain_missing' does not exist", e.Message);
        Assert.Contains("Organization Domain not found", e.ApiMessage);
    }

    [Fact]
    public async Task Duplicate_domain_is_409_and_points_to_the_existing_one()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client();
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        await client.CreateOrganizationDomainAsync(org.Id, "contoso.example");

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.CreateOrganizationDomainAsync(org.Id, "contoso.example"));

        Assert.True(e.IsDomainAlreadyExists);
        Assert.Equal(ApiFailure.DomainAlreadyExists, e.Failure);
        Assert.Contains("already claimed", e.Message);
        Assert.Equal(1, e.Attempts); // a first attempt's conflict is real: nothing is looked up
    }

    [Fact]
    public async Task Already_verified_is_recognisable_as_not_a_failure()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client();
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        OrganizationDomain domain = await client.CreateOrganizationDomainAsync(org.Id, "contoso.example");
        await client.VerifyOrganizationDomainAsync(domain.Id);

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.VerifyOrganizationDomainAsync(domain.Id));

        Assert.True(e.IsDomainAlreadyVerified);
        Assert.Contains("already verified", e.Message);
    }

    [Fact]
    public async Task Validation_errors_list_each_field()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client();
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        await emulator.FaultAsync(new { kind = "status", status = 422, body = """{"message":"Validation failed","code":"invalid_request_parameters","errors":[{"field":"domain","code":"invalid_domain"}]}""" });

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.CreateOrganizationDomainAsync(org.Id, "contoso.example"));

        Assert.Equal(422, e.StatusCode);
        FieldError error = Assert.Single(e.Errors);
        Assert.Equal(("domain", "invalid_domain"), (error.Field, error.Code));
        Assert.Contains("domain: invalid_domain", e.Message);
    }

    [Theory]
    [InlineData("""{"error":"invalid_grant","error_description":"The code has expired."}""", "invalid_grant", "The code has expired.")]
    [InlineData("\"Forbidden by policy\"", null, "Forbidden by policy")]
    [InlineData("""{"message":"Nope"}""", null, "Nope")]
    [InlineData("plain text from a gateway", null, "plain text from a gateway")]
    [InlineData("", null, null)]
    [InlineData("{ not json", null, "{ not json")]
    public async Task Every_error_body_shape_is_parsed_without_crashing(string body, string? code, string? message)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client();
        await emulator.FaultAsync(new { kind = "status", status = 403, body });

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        Assert.Equal(403, e.StatusCode);
        Assert.Equal(code, e.Code);
        Assert.Equal(message, e.ApiMessage);
        Assert.Contains("403", e.Message);
    }

    [Fact]
    public async Task Html_from_a_proxy_is_named_as_such_after_the_retry_budget()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client(o => o.MaxRetries = 2);
        await emulator.FaultAsync(new { kind = "html", count = -1 });

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        Assert.Equal(502, e.StatusCode);
        Assert.Equal(3, e.Attempts);
        Assert.Contains("HTML page", e.Message);
        Assert.Contains("502 Bad Gateway", e.RawBody);
    }

    [Theory]
    [InlineData("malformed_json", "it is not JSON the module can read")]
    [InlineData("empty", "it is empty")]
    public async Task A_success_status_with_a_broken_body_is_a_clear_error(string kind, string problem)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client();
        await emulator.FaultAsync(new { kind });

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        Assert.Equal(200, e.StatusCode);
        Assert.Equal(ApiFailure.UnexpectedResponse, e.Failure);
        Assert.Contains($"WorkOS answered 200 with a body that is not an organization ({problem}", e.Message);
    }

    [Fact]
    public async Task A_flood_of_field_errors_is_cut_to_the_first_twenty()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client();
        string errors = string.Join(",", Enumerable.Range(1, 100).Select(i => $$"""{"field":"f{{i}}","code":"{{new string('c', 1000)}}"}"""));
        await emulator.FaultAsync(new { kind = "status", status = 422, body = $$"""{"message":"Validation failed","errors":[{{errors}}]}""" });

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        Assert.Equal(20, e.Errors.Count);
        Assert.All(e.Errors, f => Assert.InRange(f.Code!.Length, 1, 201));
        Assert.Contains("; and 80 more.", e.Message);
        Assert.InRange(e.Message.Length, 1, 5000);
    }

    [Fact]
    public async Task Bare_string_429_reports_retry_after_when_the_budget_is_spent()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client(o => o.MaxRetries = 0);
        await emulator.FaultAsync(new { kind = "status", status = 429, retryAfter = "1", body = "\"Ratelimited\"" });

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        Assert.Equal(429, e.StatusCode);
        Assert.Equal("Ratelimited", e.ApiMessage);
        Assert.Equal(TimeSpan.FromSeconds(1), e.RetryAfter);
        Assert.Contains("rate limit", e.Message);
    }
}
