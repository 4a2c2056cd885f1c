using System.Diagnostics;
using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Api.Models;
using WorkOSDomains.Tests.Support;

namespace WorkOSDomains.Tests.Api;

public class FaultTests
{
    [Theory]
    [InlineData("status", 429)]
    [InlineData("status", 500)]
    [InlineData("status", 502)]
    [InlineData("status", 503)]
    [InlineData("status", 504)]
    [InlineData("status", 408)]
    [InlineData("reset", null)]
    [InlineData("html", null)]
    public async Task Transient_faults_are_retried_to_success(string kind, int? status)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var recorder = new Recorder();
        using WorkOSClient client = emulator.Client(o => o.Diagnostics = recorder.Add);
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        await emulator.FaultAsync(new { kind, status, count = 2, method = "GET" });

        Organization read = await client.GetOrganizationAsync(org.Id);

        Assert.Equal(org.Id, read.Id);
        Assert.Equal([1, 2, 3], recorder.Records.Where(r => r.Method == "GET").Select(r => r.Attempt));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(422)]
    public async Task Client_errors_are_never_retried(int status)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var recorder = new Recorder();
        using WorkOSClient client = emulator.Client(o => o.Diagnostics = recorder.Add);
        await emulator.FaultAsync(new { kind = "status", status, count = 5 });

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        Assert.Equal(status, e.StatusCode);
        Assert.Single(recorder.Records);
    }

    [Fact]
    public async Task Retries_stop_at_the_budget_with_a_clear_error()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client(o => o.MaxRetries = 3);
        await emulator.FaultAsync(new { kind = "status", status = 503, count = -1 });

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        Assert.Equal(503, e.StatusCode);
        Assert.Equal(4, e.Attempts);
        Assert.Contains("after 4 attempt(s)", e.Message);
    }

    [Fact]
    public async Task Connection_resets_past_the_budget_say_no_response_came()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client(o => o.MaxRetries = 1);
        await emulator.FaultAsync(new { kind = "reset", count = -1 });

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        Assert.Null(e.StatusCode);
        Assert.Equal(2, e.Attempts);
        Assert.Contains("lost the connection", e.Message);
    }

    [Fact]
    public async Task A_stall_past_the_timeout_is_retried_and_then_succeeds()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var recorder = new Recorder();
        using WorkOSClient client = emulator.Client(o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(400);
            o.Diagnostics = recorder.Add;
        });
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        await emulator.FaultAsync(new { kind = "stall", method = "GET", stallMilliseconds = 5000 });

        Assert.Equal(org.Id, (await client.GetOrganizationAsync(org.Id)).Id);
        Assert.Equal(["timed out", null], recorder.Records.Where(r => r.Method == "GET").Select(r => r.Failure));
    }

    [Fact]
    public async Task A_timeout_on_every_attempt_names_the_timeout()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client(o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetries = 1;
        });
        await emulator.FaultAsync(new { kind = "stall", count = -1, stallMilliseconds = 5000 });

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        Assert.Contains("timed out after 0.2 s", e.Message);
        Assert.Equal(2, e.Attempts);
    }

    [Fact]
    public async Task Retry_after_in_seconds_is_waited()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client();
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        await emulator.FaultAsync(new { kind = "status", status = 429, retryAfter = "2", method = "GET" });

        var clock = Stopwatch.StartNew();
        await client.GetOrganizationAsync(org.Id);

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_is_waited()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client();
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        // HTTP dates have whole seconds: 3 s ahead means a wait of more than 2 s.
        string date = DateTimeOffset.UtcNow.AddSeconds(3).ToString("R");
        await emulator.FaultAsync(new { kind = "status", status = 503, retryAfter = date, method = "GET" });

        var clock = Stopwatch.StartNew();
        await client.GetOrganizationAsync(org.Id);

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Cancellation_stops_a_request_within_a_second()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client();
        await emulator.FaultAsync(new { kind = "stall", count = -1, stallMilliseconds = 30000 });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetOrganizationAsync("org_1", cancel.Token));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1.3));
    }

    [Fact]
    public async Task Cancellation_during_a_backoff_wait_stops_at_once()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client();
        await emulator.FaultAsync(new { kind = "status", status = 429, retryAfter = "30", count = -1 });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetOrganizationAsync("org_1", cancel.Token));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1.3));
    }

    [Fact]
    public async Task Posts_reset_after_commit_never_create_duplicates()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var recorder = new Recorder();
        using WorkOSClient client = emulator.Client(o =>
        {
            o.MaxRetries = 10; // 30% loss: the odds of eleven failures in a row are ~2 in a million
            o.Diagnostics = recorder.Add;
        });
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        await emulator.FaultAsync(new { kind = "reset_after_commit", method = "POST", path = "/organization_domains", count = -1, probability = 0.3 });

        var names = Enumerable.Range(0, 200).Select(i => $"d{i:D3}.contoso.example").ToList();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (name, ct) => await client.CreateOrganizationDomainAsync(org.Id, name, cancellationToken: ct));

        List<string> domains = (await client.GetOrganizationAsync(org.Id)).Domains.Select(d => d.Domain).ToList();
        Assert.Equal(names, domains.Order());
        Assert.InRange(recorder.Count(r => r.Failure != null), 20, 200); // the fault really fired
    }

    [Fact]
    public async Task A_delete_whose_first_attempt_landed_still_succeeds()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client();
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        OrganizationDomain domain = await client.CreateOrganizationDomainAsync(org.Id, "contoso.example");
        await emulator.FaultAsync(new { kind = "reset_after_commit", method = "DELETE" });

        await client.DeleteOrganizationDomainAsync(domain.Id);

        Assert.Empty((await client.GetOrganizationAsync(org.Id)).Domains);
    }
}
