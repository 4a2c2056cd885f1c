using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WorkOSDomains.Engine.Validation;
using WorkOSDomains.Engine.Webhooks;

namespace WorkOSDomains.Tests.Webhooks;

/// <summary>The WorkOS-Signature check, against signatures computed here independently.</summary>
public class WebhookSignatureTests
{
    private const string Secret = "fake_webhook_secret_for_tests";
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = WebhookSignature.DefaultTolerance;

    private const string VerifiedBody = """
        {"id":"event_01JFAKEVERIFIED","event":"organization_domain.verified","data":{"object":"organization_domain","id":"org_domain_01JFAKE","organization_id":"org_01JFAKE","domain":"contoso.example","state":"verified","verification_strategy":"dns","verification_token":"m5Oztg3jdK4NJLgs8uIlIprMw","created_at":"2026-11-24T09:00:00.000Z","updated_at":"2026-11-24T09:29:00.000Z"},"created_at":"2026-11-24T09:29:58.123Z"}
        """;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>What WorkOS sends: lowercase hex HMAC-SHA256 over "&lt;t&gt;.&lt;body&gt;".</summary>
    private static string Sign(string body, DateTimeOffset at, string secret = Secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Utf8(secret), Utf8($"{at.ToUnixTimeMilliseconds()}.{body}")));

    private static string Header(string body, DateTimeOffset at, string secret = Secret) =>
        $"t={at.ToUnixTimeMilliseconds()}, v1={Sign(body, at, secret)}";

    private static WebhookCheck Check(string body, string? header, TimeSpan? tolerance = null) =>
        WebhookSignature.Check(Utf8(body), header, Utf8(Secret), tolerance ?? Tolerance, Now);

    [Fact]
    public void A_request_signed_with_the_secret_just_now_is_valid()
    {
        WebhookCheck check = Check(VerifiedBody, Header(VerifiedBody, Now.AddSeconds(-2)));

        Assert.True(check.IsValid);
        Assert.Equal(WebhookProblem.None, check.Problem);
        Assert.Equal(Now.AddSeconds(-2), check.SignedAt);
        Assert.Equal(TimeSpan.FromSeconds(2), check.Age);
    }

    [Theory]
    [InlineData("t={0},v1={1}")]
    [InlineData("t={0}, v1={1}")]
    [InlineData("  v1={1} ,  t={0}  ")]
    [InlineData("t = {0} , v1 = {1}")]
    [InlineData("t={0}, v1={1}, v2=somethingelse")]
    public void The_header_is_read_with_or_without_spaces_and_in_any_order(string format)
    {
        DateTimeOffset at = Now.AddSeconds(-10);
        string header = string.Format(format, at.ToUnixTimeMilliseconds(), Sign(VerifiedBody, at));

        Assert.Equal(WebhookProblem.None, Check(VerifiedBody, header).Problem);
    }

    [Fact]
    public void Any_of_several_v1_signatures_may_match()
    {
        DateTimeOffset at = Now.AddSeconds(-10);
        string other = Sign(VerifiedBody, at, "fake_previous_secret");
        string header = $"t={at.ToUnixTimeMilliseconds()}, v1={other}, v1={Sign(VerifiedBody, at)}";
        string noneMatch = $"t={at.ToUnixTimeMilliseconds()}, v1={other}, v1={new string('0', 64)}";

        Assert.Equal(WebhookProblem.None, Check(VerifiedBody, header).Problem);
        Assert.Equal(WebhookProblem.SignatureMismatch, Check(VerifiedBody, noneMatch).Problem);
    }

    [Fact]
    public void Upper_case_hex_is_read_too()
    {
        DateTimeOffset at = Now.AddSeconds(-10);
        Assert.True(Check(VerifiedBody, $"t={at.ToUnixTimeMilliseconds()}, v1={Sign(VerifiedBody, at).ToUpperInvariant()}").IsValid);
    }

    [Fact]
    public void A_tampered_body_does_not_match()
    {
        string header = Header(VerifiedBody, Now);
        string tampered = VerifiedBody.Replace("contoso.example", "fabrikam.example");

        Assert.Equal(WebhookProblem.SignatureMismatch, Check(tampered, header).Problem);
        Assert.Equal(WebhookProblem.SignatureMismatch, Check(VerifiedBody + "\n", header).Problem);
    }

    [Fact]
    public void A_body_parsed_and_written_again_does_not_match()
    {
        string header = Header(VerifiedBody, Now);
        string rewritten = JsonSerializer.Serialize(JsonDocument.Parse(VerifiedBody).RootElement, new JsonSerializerOptions { WriteIndented = true });

        Assert.Equal(WebhookProblem.SignatureMismatch, Check(rewritten, header).Problem);
    }

    [Fact]
    public void Another_secret_does_not_match()
    {
        Assert.Equal(WebhookProblem.SignatureMismatch, Check(VerifiedBody, Header(VerifiedBody, Now, "fake_other_secret")).Problem);
    }

    [Fact]
    public void A_signature_for_another_timestamp_does_not_match()
    {
        string signature = Sign(VerifiedBody, Now.AddSeconds(-30));
        Assert.Equal(WebhookProblem.SignatureMismatch, Check(VerifiedBody, $"t={Now.ToUnixTimeMilliseconds()}, v1={signature}").Problem);
    }

    [Theory]
    [InlineData(-180, WebhookProblem.None)]
    [InlineData(-181, WebhookProblem.TooOld)]
    [InlineData(-3600, WebhookProblem.TooOld)]
    [InlineData(180, WebhookProblem.None)]
    [InlineData(181, WebhookProblem.TooNew)]
    public void The_signing_time_must_be_within_the_tolerance_either_way(int seconds, WebhookProblem expected)
    {
        WebhookCheck check = Check(VerifiedBody, Header(VerifiedBody, Now.AddSeconds(seconds)));

        Assert.Equal(expected, check.Problem);
        Assert.Equal(TimeSpan.FromSeconds(-seconds), check.Age);
    }

    [Fact]
    public void A_longer_tolerance_accepts_an_older_request()
    {
        string header = Header(VerifiedBody, Now.AddMinutes(-5));
        Assert.Equal(WebhookProblem.TooOld, Check(VerifiedBody, header).Problem);
        Assert.Equal(WebhookProblem.None, Check(VerifiedBody, header, TimeSpan.FromMinutes(10)).Problem);
    }

    [Fact]
    public void A_timestamp_in_seconds_is_read_as_milliseconds_and_is_far_too_old()
    {
        long seconds = Now.ToUnixTimeSeconds();
        string signature = Convert.ToHexStringLower(HMACSHA256.HashData(Utf8(Secret), Utf8($"{seconds}.{VerifiedBody}")));

        WebhookCheck check = Check(VerifiedBody, $"t={seconds}, v1={signature}");

        Assert.Equal(WebhookProblem.TooOld, check.Problem);
        Assert.Equal(1970, check.SignedAt!.Value.Year);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_header_is_refused(string? header)
    {
        Assert.Equal(WebhookProblem.MissingHeader, Check(VerifiedBody, header).Problem);
    }

    [Theory]
    [InlineData("v1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("t=1795512600000")]
    [InlineData("t=1795512600000, v1")]
    [InlineData("t=1795512600000; v1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("t=yesterday, v1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("t=-1795512600000, v1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("t=99999999999999999999, v1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("t=1795512600000, t=1795512600001, v1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void A_malformed_header_is_refused(string header)
    {
        WebhookCheck check = Check(VerifiedBody, header);

        Assert.Equal(WebhookProblem.MalformedHeader, check.Problem);
        Assert.False(check.IsValid);
    }

    [Theory]
    [InlineData("0123")]
    [InlineData("zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void A_signature_of_the_wrong_length_or_alphabet_does_not_match(string signature)
    {
        Assert.Equal(WebhookProblem.SignatureMismatch, Check(VerifiedBody, $"t={Now.ToUnixTimeMilliseconds()}, v1={signature}").Problem);
    }

    [Fact]
    public void An_empty_secret_or_tolerance_is_refused_as_input()
    {
        string header = Header(VerifiedBody, Now);
        var secret = Assert.Throws<InvalidInputException>(() => WebhookSignature.Check(Utf8(VerifiedBody), header, [], Tolerance, Now));
        var tolerance = Assert.Throws<InvalidInputException>(() => WebhookSignature.Check(Utf8(VerifiedBody), header, Utf8(Secret), TimeSpan.Zero, Now));

        Assert.Equal("Secret", secret.Field);
        Assert.Null(secret.Value);
        Assert.Equal("Tolerance", tolerance.Field);
    }

    [Fact]
    public void A_verified_event_is_read_as_a_typed_domain_event()
    {
        WorkOSEvent e = WebhookSignature.ReadEvent(Utf8(VerifiedBody), Header(VerifiedBody, Now), Utf8(Secret), Tolerance, Now);

        var domainEvent = Assert.IsType<OrganizationDomainEvent>(e);
        Assert.Equal("event_01JFAKEVERIFIED", e.Id);
        Assert.Equal(DomainEventNames.Verified, e.Event);
        Assert.Equal("contoso.example", domainEvent.OrganizationDomain.Domain);
        Assert.Equal("verified", domainEvent.State);
        Assert.Equal("org_01JFAKE", domainEvent.OrganizationId);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 29, 58, 123, TimeSpan.Zero), e.CreatedAt);
    }

    [Fact]
    public void A_failed_verification_event_carries_its_reason()
    {
        const string body = """{"id":"event_01JFAKEFAILED","event":"organization_domain.verification_failed","data":{"reason":"domain_verification_period_expired","organization_domain":{"object":"organization_domain","id":"org_domain_01JFAKE","organization_id":"org_01JFAKE","domain":"contoso.example","state":"failed","created_at":"2026-10-24T09:00:00.000Z","updated_at":"2026-11-24T09:00:00.000Z"}},"created_at":"2026-11-24T09:29:00.000Z"}""";

        WorkOSEvent e = WebhookSignature.ReadEvent(Utf8(body), Header(body, Now), Utf8(Secret), Tolerance, Now);

        var failed = Assert.IsType<DomainVerificationFailedEvent>(e);
        Assert.Equal("domain_verification_period_expired", failed.Reason);
        Assert.Equal("failed", failed.State);
    }

    [Fact]
    public void Another_event_type_keeps_its_data_as_json()
    {
        const string body = """{"id":"event_01JFAKEDSYNC","event":"dsync.user.created","data":{"object":"directory_user","id":"directory_user_01"},"created_at":"2026-11-24T09:29:00.000Z"}""";

        WorkOSEvent e = WebhookSignature.ReadEvent(Utf8(body), Header(body, Now), Utf8(Secret), Tolerance, Now);

        Assert.Equal(typeof(WorkOSEvent), e.GetType());
        Assert.Contains("directory_user_01", e.DataJson);
    }

    [Fact]
    public void A_bad_signature_is_refused_before_the_body_is_read()
    {
        const string notJson = "not json at all";
        var e = Assert.Throws<WebhookSignatureException>(() =>
            WebhookSignature.ReadEvent(Utf8(notJson), Header(VerifiedBody, Now), Utf8(Secret), Tolerance, Now));

        Assert.Equal(WebhookProblem.SignatureMismatch, e.Check.Problem);
        Assert.DoesNotContain(Secret, e.ToString());
        Assert.DoesNotContain(Sign(VerifiedBody, Now), e.ToString());
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"object":"organization_domain"}""")]
    public void A_signed_body_that_is_no_event_is_refused_as_input(string body)
    {
        var e = Assert.Throws<InvalidInputException>(() => WebhookSignature.ReadEvent(Utf8(body), Header(body, Now), Utf8(Secret), Tolerance, Now));
        Assert.Equal("Payload", e.Field);
    }
}
