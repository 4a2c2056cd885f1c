using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Api.Models;
using WorkOSDomains.Engine.Validation;
using WorkOSDomains.Tests.Support;

namespace WorkOSDomains.Tests.Api;

public class InputTests
{
    [Theory]
    [InlineData(" Contoso.Example. ", "contoso.example")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    public void Domain_names_are_normalized(string input, string expected) =>
        Assert.Equal(expected, Input.DomainName(input));

    [Theory]
    [InlineData("https://contoso.example/login", "looks like a URL", "'contoso.example'")]
    [InlineData("admin@contoso.example", "e-mail address", "'contoso.example'")]
    [InlineData("*.contoso.example", "wildcard", "'contoso.example'")]
    [InlineData("contoso", "has no dot", "'contoso.com'")]
    [InlineData("-bad.example", "label '-bad'", "hyphen")]
    [InlineData("con toso.example", "not a valid domain name", "space")]
    [InlineData("a..example", "not a valid domain name", "empty label")]
    [InlineData("", "is empty", "example.com")]
    public void Bad_domain_names_are_refused_with_the_fix(string input, string problem, string fix)
    {
        var e = Assert.Throws<ArgumentException>(() => Input.DomainName(input));
        Assert.Contains(problem, e.Message);
        Assert.Contains(fix, e.Message);
        Assert.Equal("Domain", e.ParamName);
    }

    [Fact]
    public async Task Bad_input_is_refused_before_any_request()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var recorder = new Recorder();
        using WorkOSClient client = emulator.Client(o => o.Diagnostics = recorder.Add);

        Assert.Equal("OrganizationId", (await Assert.ThrowsAsync<ArgumentException>(() => client.CreateOrganizationDomainAsync("conn_123", "contoso.example"))).ParamName);
        Assert.Equal("Domain", (await Assert.ThrowsAsync<ArgumentException>(() => client.CreateOrganizationDomainAsync("org_1", "https://contoso.example"))).ParamName);
        Assert.Equal("DomainId", (await Assert.ThrowsAsync<ArgumentException>(() => client.VerifyOrganizationDomainAsync("org_domain_1/../x"))).ParamName);
        Assert.Equal("Before", (await Assert.ThrowsAsync<ArgumentException>(() => client.ListOrganizationsPageAsync(new OrganizationQuery { Before = "a", After = "b" }))).ParamName);
        Assert.Equal("Intent", (await Assert.ThrowsAsync<ArgumentException>(() => client.GeneratePortalLinkAsync(new PortalLinkRequest { Organization = "org_1" }))).ParamName);
        Assert.Equal("ReturnUrl", (await Assert.ThrowsAsync<ArgumentException>(() => client.GeneratePortalLinkAsync(new PortalLinkRequest { Organization = "org_1", Intent = "sso", ReturnUrl = "settings" }))).ParamName);
        Assert.Equal("ItContactEmail", (await Assert.ThrowsAsync<ArgumentException>(() => client.GeneratePortalLinkAsync(new PortalLinkRequest { Organization = "org_1", Intent = "sso", ItContactEmails = ["it at contoso"] }))).ParamName);
        Assert.Equal("Event", (await Assert.ThrowsAsync<ArgumentException>(() => client.ListEventsPageAsync(new EventQuery()))).ParamName);
        Assert.Equal("ExternalId", (await Assert.ThrowsAsync<ArgumentException>(() => client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "x", ExternalId = new string('x', 129) }))).ParamName);
        Assert.Empty(recorder.Records);
    }
}
