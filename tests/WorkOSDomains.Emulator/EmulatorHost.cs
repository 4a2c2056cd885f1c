using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace WorkOSDomains.Emulator;

/// <summary>
/// Runs the emulator in this process on a loopback port (0 picks a free one). Used by the xunit
/// tests directly and by Program for the build script, Pester, the demo and benchmarks.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorHost(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, IPAddress? address = null, int port = 0)
    {
        address ??= IPAddress.Loopback;
        if (!IPAddress.IsLoopback(address))
            throw new ArgumentException($"The emulator listens on loopback only; {address} is not a loopback address.", nameof(address));

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(address, port));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<Store>();
        builder.Services.AddSingleton<FaultInjector>();
        builder.Services.AddSingleton<IdempotencyCache>();
        builder.Services.AddSingleton<RateLimiter>();
        builder.Services.AddSingleton<DnsVerifier>();
        builder.Services.AddSingleton<RequestLog>();

        WebApplication app = builder.Build();
        Middleware.Use(app);
        ApiEndpoints.Map(app);
        ControlEndpoints.Map(app);

        if (options.SeedFile != null)
        {
            await using FileStream file = File.OpenRead(options.SeedFile);
            SeedFile seed = await JsonSerializer.DeserializeAsync<SeedFile>(file, Json.Options)
                ?? throw new InvalidDataException($"Seed file '{options.SeedFile}' is empty.");
            Seeder.Apply(app.Services.GetRequiredService<Store>(), seed);
        }

        await app.StartAsync();
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorHost(app, new Uri(url.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
