using System.Net;
using WorkOSDomains.Emulator;

const string Usage = """
    Usage: WorkOSDomains.Emulator [--port N] [--address 127.0.0.1] [--api-key K]... [--dns-server ip:port]
           [--verify-delay-ms N] [--fail-after N] [--rate-limit N] [--rate-window-ms N] [--seed file.json]
           [--latency N | --latency-ms N] [--latency-jitter-ms N] [--random-seed N] [--ignore-idempotency] [--omit-verification-record]
           WorkOSDomains.Emulator --hostile   (the misbehaving server of HostileServer.cs instead)
    Prints "Listening on <url>" once ready, then runs until stdin closes or it is stopped.
    Test controls (faults, settings, the request log) are under /_emulator: see ControlEndpoints.cs.
    """;
var options = new EmulatorOptions();
IPAddress address = IPAddress.Loopback;
int port = 0;
var keys = new List<string>();
bool hostile = false;
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--port": port = int.Parse(Next()); break;
        case "--address": address = IPAddress.Parse(Next()); break;
        case "--api-key": keys.Add(Next()); break;
        case "--dns-server": options.DnsServer = IPEndPoint.Parse(Next()); break;
        case "--verify-delay-ms": options.VerifyDelay = TimeSpan.FromMilliseconds(int.Parse(Next())); break;
        case "--fail-after": options.FailAfterAttempts = int.Parse(Next()); break;
        case "--rate-limit": options.RateLimitRequests = int.Parse(Next()); break;
        case "--rate-window-ms": options.RateLimitWindow = TimeSpan.FromMilliseconds(int.Parse(Next())); break;
        case "--seed": options.SeedFile = Next(); break;
        case "--latency": // milliseconds, as --latency-ms
        case "--latency-ms": options.Latency = TimeSpan.FromMilliseconds(int.Parse(Next())); break;
        case "--latency-jitter-ms": options.LatencyJitter = TimeSpan.FromMilliseconds(int.Parse(Next())); break;
        case "--random-seed": options.RandomSeed = int.Parse(Next()); break;
        case "--help":
            Console.WriteLine(Usage);
            return 0;
        case "--ignore-idempotency": options.HonourIdempotencyKey = false; break;
        case "--omit-verification-record": options.OmitVerificationRecord = true; break;
        case "--hostile": hostile = true; break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'.\n{Usage}");
            return 2;
    }
}
if (keys.Count > 0) options.ApiKeys = keys;

await using IAsyncDisposable host = hostile ? HostileServer.Start() : await EmulatorHost.StartAsync(options, address, port);
Console.WriteLine($"Listening on {(host is HostileServer server ? server.BaseUri : ((EmulatorHost)host).BaseUri)}");
Console.Out.Flush();

// Stop when the parent closes our stdin (it died or is done) or on Ctrl+C / SIGTERM.
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
_ = Task.Run(() => { while (Console.In.Read() >= 0) { } stop.TrySetResult(); });
await stop.Task;
return 0;
