using WorkOSDomains.Engine.Validation;
using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Api.Http;
using WorkOSDomains.Engine.Api.Models;
using WorkOSDomains.Tests.Support;

namespace WorkOSDomains.Tests.Api;

public class SecretTests
{
    [Fact]
    public async Task The_key_never_appears_in_diagnostics_or_exceptions()
    {
        const string key = "sk_test_fake_secretvalue";
        await using var emulator = await TestEmulator.StartAsync(o => o.ApiKeys = [key]);
        var recorder = new Recorder();
        using WorkOSClient client = emulator.Client(o => { o.Diagnostics = recorder.Add; o.MaxRetries = 1; }, key);
        using WorkOSClient wrongKey = emulator.Client(o => o.Diagnostics = recorder.Add, "sk_test_fake_othervalue");
        var failures = new List<Exception>();
        async Task Capture(Func<Task> call)
        {
            try { await call(); }
            catch (Exception e) { failures.Add(e); }
        }

        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        await Capture(() => wrongKey.GetOrganizationAsync(org.Id));
        await Capture(() => client.GetOrganizationAsync("org_missing"));
        await emulator.FaultAsync(new { kind = "reset", count = -1 });
        await Capture(() => client.GetOrganizationAsync(org.Id));
        await emulator.FaultAsync(new { kind = "status", status = 500, body = $"{{\"message\":\"echo\"}}" });

        Assert.Equal(3, failures.Count);
        string everything = string.Join("\n", recorder.Records.Select(r => r.ToString()).Concat(failures.Select(f => f.ToString())))
            + client.Options.ApiKey + wrongKey.Options.ApiKey;
        Assert.DoesNotContain("secretvalue", everything);
        Assert.DoesNotContain("othervalue", everything);
        Assert.Contains("sk_test_***", everything);
    }

    [Theory]
    [InlineData("Invalid API key: Bearer sk_test_fake_canary", "Invalid API key: Bearer ***")]
    [InlineData("key sk_test_fake_canary, again", "key sk_test_***, again")]
    [InlineData("{\"k\":\"\\u0073k\\u005ftest_fake_\\u0063anary\"}", "{\"k\":\"sk_test_***\"}")]
    [InlineData("https://x.example/?k=sk%5Ftest%5ffake%5Fcanary&a=1", "https://x.example/?k=sk_test_***&a=1")]
    [InlineData("{\"Authorization\":\"Basic dXNlcjpwdw==\",\"Accept\":\"*/*\"}", "{\"Authorization\":\"***\",\"Accept\":\"*/*\"}")]
    [InlineData("authorization: token abc\nUser-Agent: x", "authorization: ***\nUser-Agent: x")]
    [InlineData("another key sk_live_Zm9vYmFy+/= leaked", "another key sk_live_*** leaked")]
    [InlineData("Missing Authorization header.", "Missing Authorization header.")]
    public void Server_text_loses_every_credential(string text, string expected)
    {
        var redactor = new Redactor(ApiKey.Parse("sk_test_fake_canary"));
        Assert.Equal(expected, redactor.Clean(text));
    }

    [Fact]
    public void A_body_keeps_every_byte_but_the_credentials()
    {
        var redactor = new Redactor(ApiKey.Parse("sk_test_fake_canary"));
        byte[] body = [0xC3, 0xA9, 0xFF, .. System.Text.Encoding.ASCII.GetBytes(" sk_test_fake_canary "), 0x00, 0x85];
        byte[] clean = redactor.Clean(body, body.Length, null, isError: true, out _).ToArray();
        Assert.Equal([0xC3, 0xA9, 0xFF, .. System.Text.Encoding.ASCII.GetBytes(" sk_test_*** "), 0x00, 0x85], clean);
        Assert.Same(body, redactor.Clean(body, 3, null, isError: true, out _).Array); // nothing to take out: the same bytes
    }

    [Fact]
    public void A_kept_header_is_cleaned_before_it_is_cut()
    {
        var redactor = new Redactor(ApiKey.Parse("sk_test_fake_canary"));
        string text = new string('x', 195) + "sk_test_fake_canary" + new string('y', 100_000);
        string kept = redactor.Keep(text, 200)!;
        Assert.Equal(201, kept.Length);
        Assert.DoesNotContain("fake", kept);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("pk_test_fake", "publishable key")]
    [InlineData("client_fake", "client ID")]
    [InlineData("Bearer sk_test_fake", "does not look like a WorkOS secret key")]
    [InlineData("sk_test_fa ke", "contains a space")]
    public void Malformed_keys_are_refused_with_the_reason_and_without_echo(string value, string reason)
    {
        var e = Assert.Throws<InvalidInputException>(() => ApiKey.Parse(value));
        Assert.Contains(reason, e.Message);
        Assert.Equal("ApiKey", e.ParamName);
        if (value.Length > 0) Assert.DoesNotContain(value, e.Message);
    }

    [Theory]
    [InlineData("http://api.workos.com")]
    [InlineData("http://10.0.0.5:8080")]
    [InlineData("ftp://127.0.0.1")]
    public void Non_https_base_uris_are_refused_except_loopback(string uri)
    {
        var options = new WorkOSClientOptions { ApiKey = ApiKey.Parse("sk_test_fake"), BaseUri = new Uri(uri) };
        var e = Assert.Throws<InvalidInputException>(() => new WorkOSClient(options));
        Assert.Equal("BaseUri", e.ParamName);
    }

    [Theory]
    [InlineData("https://api.workos.com")]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://[::1]:5000")]
    public void Https_and_loopback_base_uris_are_accepted(string uri)
    {
        using var client = new WorkOSClient(new WorkOSClientOptions { ApiKey = ApiKey.Parse("sk_test_fake"), BaseUri = new Uri(uri) });
        Assert.Equal(new Uri(uri).Host, client.BaseUri.Host);
    }
}
