using System.Net;
using WorkOSDomains.Engine.Api.Http;

namespace WorkOSDomains.Tests.Api;

/// <summary>
/// The two places the client treats .NET Framework's HTTP stack (Windows PowerShell 5.1) apart.
/// No .NET Framework runs here, so the decisions are tested as the pure functions they are.
/// </summary>
public class FrameworkHttpTests
{
    private const SecurityProtocolType Ssl3 = (SecurityProtocolType)48; // named in .NET Framework, obsolete here

    public static TheoryData<string, bool, bool> Methods => new()
    {
        { "GET", false, true }, { "HEAD", false, true }, { "DELETE", false, true }, { "POST", false, true },
        { "GET", true, false }, { "HEAD", true, false }, { "DELETE", true, true }, { "POST", true, true },
    };

    [Theory, MemberData(nameof(Methods))]
    public void Empty_content_goes_on_every_request_but_a_GET_or_HEAD_on_NET_Framework(string method, bool netFramework, bool expected) =>
        Assert.Equal(expected, FrameworkHttp.SendEmptyContent(new System.Net.Http.HttpMethod(method), netFramework));

    [Fact]
    public void This_runtime_sends_empty_content_on_GET() =>
        Assert.True(FrameworkHttp.SendEmptyContent(System.Net.Http.HttpMethod.Get), "on .NET, an empty body is what stops SocketsHttpHandler's own retries");

    [Theory]
    [InlineData(Ssl3 | SecurityProtocolType.Tls, Ssl3 | SecurityProtocolType.Tls | SecurityProtocolType.Tls12)] // Windows PowerShell's usual default
    [InlineData(SecurityProtocolType.Tls11, SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls12, SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13, SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13)]
    [InlineData(SecurityProtocolType.Tls13, SecurityProtocolType.Tls13 | SecurityProtocolType.Tls12)]
    [InlineData((SecurityProtocolType)0, (SecurityProtocolType)0)] // SystemDefault: the OS already chooses TLS 1.2 or later
    public void TLS_1_2_is_added_to_the_allowed_protocols_and_nothing_is_taken_away(SecurityProtocolType current, SecurityProtocolType expected) =>
        Assert.Equal(expected, FrameworkHttp.WithTls12(current));
}
