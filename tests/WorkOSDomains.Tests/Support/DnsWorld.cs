using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using DnsClient;
using WorkOSDomains.Engine.Dns;

namespace WorkOSDomains.Tests.Support;

/// <summary>A zone of a <see cref="DnsWorld"/>: its name, how many name servers host it, and its records.</summary>
/// <param name="Servers">Name servers ns1..nsN.{Name}, each a Knot process of its own on its own loopback address.</param>
/// <param name="Records">Zone-file lines. Apex NS records for ns1..nsN are added unless the lines have "@ IN NS".</param>
/// <param name="Delegation">The NS hosts the parent lists for the zone; ns1..nsN when null.</param>
/// <param name="PerServer">Records that replace <paramref name="Records"/> on the server of that index (0 for ns1), to make servers disagree.</param>
/// <param name="Silent">Name servers with addresses and glue but nothing listening: a provider that is gone.</param>
public sealed record WorldZone(string Name, int Servers, string Records = "", string[]? Delegation = null, string?[]? PerServer = null, bool Silent = false);

/// <summary>How the inspector finds zones in a <see cref="DnsWorld"/>.</summary>
public enum Bootstrap
{
    /// <summary>unbound, recursing from the world's own root, as users have.</summary>
    Unbound,
    /// <summary>One Knot serving every zone with authority, as a forwarder or a hidden primary answers.</summary>
    Authoritative,
}

/// <summary>
/// DNS as it is on the internet, on loopback: a root, the TLD "test", and zones whose name servers
/// are separate Knot processes on separate addresses (127.77.W.x, port 53, so that unbound can
/// follow referrals to them), with unbound recursing from that root as the bootstrap. Every
/// address the inspector may ask has a recording relay in front of it (same address, port
/// <see cref="RelayPort"/>), so a test sees and counts each query the inspector sends. Needs root
/// (port 53), knotd and unbound.
/// </summary>
public sealed class DnsWorld : IAsyncDisposable
{
    public const int RelayPort = 10053;
    private static int s_nextWorld = Random.Shared.Next(0, 200);

    private readonly List<IAsyncDisposable> _knots = [];
    private readonly List<RecordingRelay> _relays = [];
    private Process? _unbound;
    private string? _unboundFolder;
    private RecordingRelay _bootstrap = null!;

    private DnsWorld(string prefix) => Prefix = prefix;

    /// <summary>The first three octets of this world's addresses, e.g. "127.77.12.".</summary>
    public string Prefix { get; }

    /// <summary>Each name server host and its address.</summary>
    public Dictionary<string, IPAddress> Hosts { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every question the inspector sent to an authoritative server (all relays but the bootstrap's).</summary>
    public ConcurrentQueue<string> AuthoritativeQuestions { get; } = new();

    /// <summary>Every question the inspector sent to the bootstrap resolver.</summary>
    public ConcurrentQueue<string> BootstrapQuestions => _bootstrap.Questions;

    public int QueriesSent => AuthoritativeQuestions.Count + BootstrapQuestions.Count;

    public static async Task<DnsWorld> StartAsync(Bootstrap bootstrap, params WorldZone[] zones)
    {
        var world = new DnsWorld(FreePrefix());
        try
        {
            await world.BuildAsync(bootstrap, zones);
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
        return world;
    }

    private IPAddress Address(int last) => IPAddress.Parse(Prefix + last);

    /// <summary>A 127.77.W. range whose root address is free, so that test runs side by side (another clone's) do not collide.</summary>
    private static string FreePrefix()
    {
        for (int attempt = 0; attempt < 250; attempt++)
        {
            string prefix = $"127.77.{Interlocked.Increment(ref s_nextWorld) % 250}.";
            try
            {
                using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
                probe.Bind(new IPEndPoint(IPAddress.Parse(prefix + "1"), 53));
                return prefix;
            }
            catch (System.Net.Sockets.SocketException)
            {
                // in use by another world
            }
        }
        throw new InvalidOperationException("No free 127.77.W.0/24 range for a DNS world.");
    }

    private async Task BuildAsync(Bootstrap bootstrap, WorldZone[] zones)
    {
        int next = 10;
        foreach (WorldZone zone in zones)
            for (int i = 1; i <= zone.Servers; i++) Hosts[$"ns{i}.{zone.Name}"] = Address(next++);
        Hosts["ns.test"] = Address(2);
        string Glue(IEnumerable<string> hosts) => string.Join("\n", hosts.Where(Hosts.ContainsKey).Select(h => $"{h}. IN A {Hosts[h]}"));

        // Each zone is delegated by the closest enclosing zone of the world, else by the TLD, to
        // its own hosts (or where the test says), with glue for the hosts inside that parent.
        string ParentOf(string zone) => zones.Select(z => z.Name).Where(p => zone.EndsWith("." + p, StringComparison.Ordinal)).MaxBy(p => p.Length) ?? "test";
        var delegations = zones.GroupBy(z => ParentOf(z.Name)).ToDictionary(g => g.Key, g => string.Join("\n", g.Select(z =>
        {
            string[] hosts = z.Delegation ?? Enumerable.Range(1, z.Servers).Select(i => $"ns{i}.{z.Name}").ToArray();
            return string.Join("\n", hosts.Select(h => $"{z.Name}. IN NS {h}.")) + "\n" + Glue(hosts.Where(h => h.EndsWith("." + g.Key, StringComparison.Ordinal)));
        })));
        string tld = $"@ IN NS ns.test.\nns IN A {Address(2)}\n{delegations.GetValueOrDefault("test")}";
        string root = $"@ IN NS a.root.\na.root. IN A {Address(1)}\ntest. IN NS ns.test.\nns.test. IN A {Address(2)}";

        string ZoneText(WorldZone z, string records)
        {
            var own = Enumerable.Range(1, z.Servers).Select(i => $"ns{i}.{z.Name}").ToList();
            string ns = records.Contains("@ IN NS ") ? "" : string.Join("\n", own.Select(h => $"@ IN NS {h}."));
            return $"{ns}\n{Glue(own)}\n{records}\n{delegations.GetValueOrDefault(z.Name)}";
        }
        var zoneText = zones.ToDictionary(z => z.Name, z => ZoneText(z, z.Records));

        var starts = new List<Task<KnotServer>>
        {
            KnotServer.StartAsync(new Dictionary<string, string> { ["."] = root }, Address(1), 53),
            KnotServer.StartAsync(new Dictionary<string, string> { ["test"] = tld }, Address(2), 53),
        };
        foreach (WorldZone zone in zones.Where(z => !z.Silent))
            for (int i = 1; i <= zone.Servers; i++)
            {
                string text = zone.PerServer?.ElementAtOrDefault(i - 1) is { } own ? ZoneText(zone, own) : zoneText[zone.Name];
                starts.Add(KnotServer.StartAsync(new Dictionary<string, string> { [zone.Name] = text }, Hosts[$"ns{i}.{zone.Name}"], 53));
            }
        if (bootstrap == Bootstrap.Authoritative)
        {
            var all = new Dictionary<string, string>(zoneText) { ["test"] = tld };
            starts.Add(KnotServer.StartAsync(all, Address(3), 53));
        }
        await Task.WhenAll(starts.Select(s => s.ContinueWith(_ => { })));
        _knots.AddRange(starts.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result));
        if (starts.FirstOrDefault(s => s.IsFaulted) is { } failed) throw failed.Exception!.InnerException!;

        foreach (IPAddress address in Hosts.Values.Append(Address(1)).Distinct())
            _relays.Add(new RecordingRelay(new IPEndPoint(address, 53), new IPEndPoint(address, RelayPort), AuthoritativeQuestions));
        IPAddress resolver = bootstrap == Bootstrap.Authoritative ? Address(3) : await StartUnboundAsync(Address(53), Address(1));
        _bootstrap = new RecordingRelay(new IPEndPoint(resolver, 53), new IPEndPoint(resolver, RelayPort));
        _relays.Add(_bootstrap);
    }

    private async Task<IPAddress> StartUnboundAsync(IPAddress address, IPAddress root)
    {
        _unboundFolder = Directory.CreateTempSubdirectory("workos-unbound-").FullName;
        string config = Path.Combine(_unboundFolder, "unbound.conf");
        File.WriteAllText(config, $"""
            server:
                interface: {address}
                port: 53
                do-daemonize: no
                username: ""
                chroot: ""
                directory: "{_unboundFolder}"
                pidfile: ""
                use-syslog: no
                logfile: "{_unboundFolder}/unbound.log"
                verbosity: 1
                num-threads: 1
                do-ip6: no
                do-not-query-localhost: no
                access-control: 127.0.0.0/8 allow
                module-config: "iterator"
                qname-minimisation: no
                local-zone: "test." nodefault
            stub-zone:
                name: "."
                stub-addr: {root}@53
            remote-control:
                control-enable: no

            """);
        try
        {
            _unbound = Process.Start(new ProcessStartInfo("unbound", ["-d", "-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("unbound is not on PATH. Install it (Debian: apt-get install unbound); .ci/run does this.");
        }
        var client = new LookupClient(new LookupClientOptions(new IPEndPoint(address, 53)) { UseCache = false, Retries = 0, Timeout = TimeSpan.FromMilliseconds(300) });
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(30))
        {
            if (_unbound.HasExited)
                throw new InvalidOperationException("unbound exited: " + await _unbound.StandardError.ReadToEndAsync() + File.ReadAllText(Path.Combine(_unboundFolder, "unbound.log")));
            try
            {
                var answer = await client.QueryAsync("test", QueryType.SOA);
                if (answer.Answers.SoaRecords().Any()) return address;
            }
            catch (DnsResponseException)
            {
                // not listening yet
            }
        }
        throw new TimeoutException("unbound did not answer within 10 s.");
    }

    public DnsCheckOptions Options(Action<DnsCheckOptions>? configure = null)
    {
        var options = new DnsCheckOptions
        {
            BootstrapResolvers = [_bootstrap.EndPoint],
            AuthoritativePort = RelayPort,
            QueryTimeout = TimeSpan.FromMilliseconds(700),
        };
        configure?.Invoke(options);
        return options;
    }

    public Task<DnsChallengeResult> CheckAsync(string domain, string? prefix = "_workos-challenge", string token = DnsLab.Token, Action<DnsCheckOptions>? configure = null) =>
        new DnsInspector(Options(configure)).CheckAsync(DnsChallenge.Create(domain, token, prefix));

    /// <summary>The resolver (unbound, or the authoritative bootstrap) without a relay: for tests that ask it themselves.</summary>
    public IPEndPoint Resolver => new(_bootstrap.EndPoint.Address, 53);

    public async ValueTask DisposeAsync()
    {
        foreach (RecordingRelay relay in _relays) relay.Dispose();
        if (_unbound != null)
        {
            if (!_unbound.HasExited) { _unbound.Kill(); await _unbound.WaitForExitAsync(); }
            _unbound.Dispose();
        }
        if (_unboundFolder != null) Directory.Delete(_unboundFolder, recursive: true);
        foreach (IAsyncDisposable knot in _knots) await knot.DisposeAsync();
    }
}
