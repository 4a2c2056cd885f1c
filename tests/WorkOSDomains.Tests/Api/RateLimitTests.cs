using System.Diagnostics;
using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Api.Http;
using WorkOSDomains.Tests.Support;

namespace WorkOSDomains.Tests.Api;

public class RateLimitTests
{
    // The server allows 30 per second. A burst of 60 draws 429s unless the client paces itself.
    private static Task<TestEmulator> StrictServer() => TestEmulator.StartAsync(o =>
    {
        o.ApiKeys = ["sk_test_fake_paced", "sk_test_fake_unpaced"];
        o.RateLimitRequests = 30;
        o.RateLimitWindow = TimeSpan.FromSeconds(1);
    });

    [Fact]
    public async Task The_client_limit_keeps_bulk_work_below_the_server_limit()
    {
        await using var emulator = await StrictServer();
        var recorder = new Recorder();
        using WorkOSClient client = emulator.Client(o =>
        {
            o.RateLimitRequests = 10;
            o.RateLimitWindow = TimeSpan.FromSeconds(1);
            o.Diagnostics = recorder.Add;
        }, key: "sk_test_fake_paced");

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.ListOrganizationsPageAsync(new())));

        Assert.Equal(0, recorder.Count(r => r.StatusCode == 429));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(15)); // 10 at once, then 10 a second
    }

    [Fact]
    public async Task Without_pacing_the_same_burst_draws_429s()
    {
        await using var emulator = await StrictServer();
        var recorder = new Recorder();
        using WorkOSClient client = emulator.Client(o => o.Diagnostics = recorder.Add, key: "sk_test_fake_unpaced");

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.ListOrganizationsPageAsync(new())));

        Assert.True(recorder.Count(r => r.StatusCode == 429) > 0);
    }

    [Fact]
    public async Task Clients_with_the_same_key_share_one_bucket()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.ApiKeys = ["sk_test_fake_shared"]);
        Action<WorkOSClientOptions> limit = o => { o.RateLimitRequests = 5; o.RateLimitWindow = TimeSpan.FromSeconds(1); };
        using WorkOSClient first = emulator.Client(limit, "sk_test_fake_shared");
        using WorkOSClient second = emulator.Client(limit, "sk_test_fake_shared");

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? first : second).ListOrganizationsPageAsync(new())));

        // One bucket of 5 (5 at once, then 5 a second) takes about a second; two buckets would not wait.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_client_set_to_the_server_limit_never_fills_a_server_window()
    {
        // The server counts 20 per fixed one-second window; a bucket holding 20 that also refills
        // during the second would send up to 40 into one window.
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.ApiKeys = ["sk_test_fake_exact"];
            o.RateLimitRequests = 20;
            o.RateLimitWindow = TimeSpan.FromSeconds(1);
        });
        var recorder = new Recorder();
        using WorkOSClient client = emulator.Client(o =>
        {
            o.RateLimitRequests = 20;
            o.RateLimitWindow = TimeSpan.FromSeconds(1);
            o.Diagnostics = recorder.Add;
        }, key: "sk_test_fake_exact");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.ListOrganizationsPageAsync(new())));

        Assert.Equal(0, recorder.Count(r => r.StatusCode == 429));
    }

    [Fact]
    public async Task A_pause_holds_every_request_of_the_key_back()
    {
        var bucket = new TokenBucket(1000, TimeSpan.FromSeconds(1));
        bucket.PauseFor(TimeSpan.FromMilliseconds(400));

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => bucket.TakeAsync(default)));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(380), $"took {clock.Elapsed}");
    }
}
