using System.Net.Http.Json;
using System.Text.Json;
using WorkOSDomains.Emulator;
using WorkOSDomains.Engine.Api;

namespace WorkOSDomains.Tests.Support;

/// <summary>An emulator of one's own for one test, with its control calls and a client factory.</summary>
public sealed class TestEmulator : IAsyncDisposable
{
    public const string Key = "sk_test_fake_emulator";

    // The control API speaks snake_case, like the WorkOS API.
    private static readonly JsonSerializerOptions ControlJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly EmulatorHost _host;
    private readonly HttpClient _control;

    private TestEmulator(EmulatorHost host)
    {
        _host = host;
        _control = new HttpClient { BaseAddress = host.BaseUri };
    }

    public Uri BaseUri => _host.BaseUri;

    public static async Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions();
        configure?.Invoke(options);
        return new TestEmulator(await EmulatorHost.StartAsync(options));
    }

    /// <summary>A client with short backoff so retry tests run fast; everything else as shipped.</summary>
    public WorkOSClient Client(Action<WorkOSClientOptions>? configure = null, string key = Key)
    {
        var options = new WorkOSClientOptions
        {
            ApiKey = ApiKey.Parse(key),
            BaseUri = BaseUri,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(options);
        return new WorkOSClient(options);
    }

    public async Task FaultAsync(object fault) =>
        (await _control.PostAsJsonAsync("_emulator/faults", fault, ControlJson)).EnsureSuccessStatusCode();

    public async Task SettingsAsync(object settings) =>
        (await _control.PostAsJsonAsync("_emulator/settings", settings, ControlJson)).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        await _host.DisposeAsync();
    }
}
