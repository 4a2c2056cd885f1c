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
    [InlineData("con toso.example", "contains a space", "one domain name")]
    [InlineData("a..example", "empty label", "Remove the extra dot")]
    [InlineData("", "is empty", "example.com")]
    public void Bad_domain_names_are_refused_with_the_fix(string input, string problem, string fix)
    {
        var e = Assert.Throws<InvalidInputException>(() => Input.DomainName(input));
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

        Assert.Equal("OrganizationId", (await Assert.ThrowsAsync<InvalidInputException>(() => client.CreateOrganizationDomainAsync("conn_123", "contoso.example"))).ParamName);
        Assert.Equal("Domain", (await Assert.ThrowsAsync<InvalidInputException>(() => client.CreateOrganizationDomainAsync("org_1", "https://contoso.example"))).ParamName);
        Assert.Equal("DomainId", (await Assert.ThrowsAsync<InvalidInputException>(() => client.VerifyOrganizationDomainAsync("org_domain_1/../x"))).ParamName);
        Assert.Equal("Before", (await Assert.ThrowsAsync<InvalidInputException>(() => client.ListOrganizationsPageAsync(new OrganizationQuery { Before = "a", After = "b" }))).ParamName);
        Assert.Equal("Intent", (await Assert.ThrowsAsync<InvalidInputException>(() => client.GeneratePortalLinkAsync(new PortalLinkRequest { Organization = "org_1" }))).ParamName);
        Assert.Equal("ReturnUrl", (await Assert.ThrowsAsync<InvalidInputException>(() => client.GeneratePortalLinkAsync(new PortalLinkRequest { Organization = "org_1", Intent = "sso", ReturnUrl = "settings" }))).ParamName);
        Assert.Equal("ItContactEmail", (await Assert.ThrowsAsync<InvalidInputException>(() => client.GeneratePortalLinkAsync(new PortalLinkRequest { Organization = "org_1", Intent = "sso", ItContactEmails = ["it at contoso"] }))).ParamName);
        Assert.Equal("Event", (await Assert.ThrowsAsync<InvalidInputException>(() => client.ListEventsPageAsync(new EventQuery()))).ParamName);
        Assert.Equal("ExternalId", (await Assert.ThrowsAsync<InvalidInputException>(() => client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "x", ExternalId = new string('x', 129) }))).ParamName);
        Assert.Empty(recorder.Records);
    }
}
