using WorkOSDomains.Emulator;
using WorkOSDomains.Engine.Api;

namespace WorkOSDomains.Tests.Api;

[CollectionDefinition(nameof(ResponseSizeTests), DisableParallelization = true)]
public class ResponseSizeCollection;

/// <summary>
/// Bodies far above the cap (issue 9, point 3). Alone in their collection, so the bytes the
/// process allocated during one call are this call's: the whole process must stay under 200 MB.
/// </summary>
[Collection(nameof(ResponseSizeTests))]
public class ResponseSizeTests
{
    private const long MemoryLimit = 200L * 1024 * 1024;

    [Theory]
    [InlineData("huge-plain")]   // Content-Length: 300 MB, refused before reading
    [InlineData("huge-chunked")] // no length: stops reading past 16 MB
    [InlineData("gzip-bomb")]    // a few hundred KB that inflate to 256 MB
    public async Task A_body_over_the_cap_fails_at_once_without_a_retry_and_within_bounded_memory(string kase)
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = HostileServerTests.Client(server, kase, o => o.MaxRetries = 3);
        if (kase == "gzip-bomb") _ = await Record.ExceptionAsync(() => client.GetOrganizationAsync("org_1")); // builds the bomb first
        server.Reset();

        long before = GC.GetTotalAllocatedBytes(precise: true);
        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(ApiFailure.UnexpectedResponse, e.Failure);
        Assert.Contains("The server answered 200, but the response was larger than 16 MB, the most the module reads", e.Message);
        Assert.Contains("(request id req_hostile_", e.Message);
        Assert.True(e.Message.Length < 500, e.Message);
        Assert.Equal(1, server.Requests(kase));
        Assert.True(allocated < MemoryLimit, $"{allocated / (1024 * 1024)} MB allocated");
        Assert.True(server.BytesSent(kase) < 64L * 1024 * 1024, $"{server.BytesSent(kase) / (1024 * 1024)} MB sent"); // it stopped reading
    }

    [Fact]
    public async Task The_cap_is_an_option()
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = HostileServerTests.Client(server, "huge-chunked", o => o.MaxResponseBytes = 2048);

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        Assert.Contains("The server answered 200, but the response was larger than 2 KB", e.Message);
    }
}
