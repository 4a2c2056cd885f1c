using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using WorkOSDomains.Engine.Dns;

namespace WorkOSDomains.Tests.Support;

/// <summary>
/// A small DNS world on loopback for one test: Knot servers sharing one port on 127.0.0.x (as the
/// name servers of one zone would), silent servers that never answer, and the options that point
/// the inspector at them instead of the system's resolvers.
/// </summary>
public sealed class DnsLab : IAsyncDisposable
{
    public const string Token = "m5Oztg3jdK4NJLgs8uIlIprMw";

    private readonly List<IAsyncDisposable> _servers = [];

    private DnsLab(KnotServer primary)
    {
        Primary = primary;
        _servers.Add(primary);
    }

    public KnotServer Primary { get; }
    public int Port => Primary.EndPoint.Port;

    /// <summary>Starts the first name server (127.0.0.1) with these zones: (origin, records).</summary>
    public static async Task<DnsLab> StartAsync(params (string Zone, string Records)[] zones) =>
        new(await KnotServer.StartAsync(zones.ToDictionary(z => z.Zone, z => z.Records)));

    /// <summary>Another name server on the same port at another loopback address.</summary>
    public async Task<KnotServer> AddServerAsync(string address, params (string Zone, string Records)[] zones)
    {
        KnotServer server = await KnotServer.StartAsync(zones.ToDictionary(z => z.Zone, z => z.Records), IPAddress.Parse(address), Port);
        _servers.Add(server);
        return server;
    }

    /// <summary>A server at this address that takes queries (UDP and TCP) and never answers.</summary>
    public IPEndPoint AddSilentServer(string address)
    {
        var silent = new SilentServer(new IPEndPoint(IPAddress.Parse(address), Port));
        _servers.Add(silent);
        return silent.EndPoint;
    }

    public DnsCheckOptions Options(Action<DnsCheckOptions>? configure = null)
    {
        var options = new DnsCheckOptions
        {
            BootstrapResolvers = [Primary.EndPoint],
            AuthoritativePort = Port,
            QueryTimeout = TimeSpan.FromMilliseconds(700),
        };
        configure?.Invoke(options);
        return options;
    }

    public Task<DnsChallengeResult> CheckAsync(string domain, string? prefix = "_workos-challenge", string token = Token, Action<DnsCheckOptions>? configure = null) =>
        new DnsInspector(Options(configure)).CheckAsync(DnsChallenge.Create(domain, token, prefix));

    public async ValueTask DisposeAsync()
    {
        foreach (IAsyncDisposable server in _servers) await server.DisposeAsync();
    }

    private sealed class SilentServer : IAsyncDisposable
    {
        private readonly Socket _udp;
        private readonly TcpListener _tcp;

        public SilentServer(IPEndPoint endPoint)
        {
            EndPoint = endPoint;
            _udp = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            _udp.Bind(endPoint);
            _tcp = new TcpListener(endPoint);
            _tcp.Start();
        }

        public IPEndPoint EndPoint { get; }

        public ValueTask DisposeAsync()
        {
            _udp.Dispose();
            _tcp.Stop();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// ldns-testns replaying canned answers that Knot never gives (SERVFAIL, REFUSED, no AA, no SOA).
/// It serves the whole world of zone broken.test alone, on a port of its own: SOA, NS and
/// address of its one name server, and the scripted TXT answer.
/// </summary>
public sealed class CannedDnsServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _file;

    private CannedDnsServer(Process process, string file, int port)
    {
        _process = process;
        _file = file;
        Port = port;
    }

    public int Port { get; }
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>Starts it with the TXT answer for _workos-challenge.broken.test: REPLY flags and sections.</summary>
    public static async Task<CannedDnsServer> StartAsync(string txtReply)
    {
        string template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "dns", "broken.test.data"));
        string file = Path.Combine(Path.GetTempPath(), $"workos-ldns-{Guid.NewGuid():N}.data");
        File.WriteAllText(file, template.Replace("; TXT-REPLY", txtReply));
        var process = Process.Start(new ProcessStartInfo("ldns-testns", ["-r", file]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("ldns-testns did not start. Install ldnsutils (apt-get install ldnsutils); .ci/run does this.");
        // It prints "Listening on port N" once ready.
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(10);)
        {
            string? line = await process.StandardOutput.ReadLineAsync();
            if (line == null) break;
            var match = System.Text.RegularExpressions.Regex.Match(line, @"^Listening on port (\d+)");
            if (match.Success) return new CannedDnsServer(process, file, int.Parse(match.Groups[1].Value));
        }
        process.Kill();
        throw new InvalidOperationException("ldns-testns did not report its port: " + await process.StandardError.ReadToEndAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        File.Delete(_file);
    }
}
