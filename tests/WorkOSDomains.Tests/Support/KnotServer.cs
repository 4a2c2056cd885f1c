using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace WorkOSDomains.Tests.Support;

/// <summary>
/// A real authoritative DNS server (Knot) on a free loopback port, serving zones the test writes.
/// Needs knotd and knotc on PATH (Debian: apt-get install knot; .ci/run installs it).
/// </summary>
public sealed class KnotServer : IAsyncDisposable
{
    private readonly string _folder;
    private readonly Process _process;

    private KnotServer(string folder, Process process, IPEndPoint endPoint)
    {
        _folder = folder;
        _process = process;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Starts Knot serving each zone (origin → records, one per line, relative names allowed).</summary>
    /// <remarks>Several servers can share a port on different loopback addresses (127.0.0.2...), as name servers of one zone would.</remarks>
    public static async Task<KnotServer> StartAsync(IReadOnlyDictionary<string, string> zones, IPAddress? address = null, int port = 0)
    {
        address ??= IPAddress.Loopback;
        string folder = Directory.CreateTempSubdirectory("workos-knot-").FullName;
        var endPoint = new IPEndPoint(address, port == 0 ? FreePort(address) : port);
        var config = new System.Text.StringBuilder($"""
            server:
                rundir: "{folder}"
                listen: {address}@{endPoint.Port}
            database:
                storage: "{folder}"
            log:
              - target: "{folder}/knot.log"
                any: info
            zone:

            """);
        foreach (var (origin, records) in zones)
        {
            File.WriteAllText(ZoneFile(folder, origin), ZoneText(origin, records, serial: 1));
            config.Append($"""
                  - domain: {origin}
                    file: "{ZoneFile(folder, origin)}"
                    zonefile-sync: -1
                    zonefile-load: whole
                    journal-content: none

                """);
        }
        File.WriteAllText(Path.Combine(folder, "knot.conf"), config.ToString());

        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo("knotd", ["-c", Path.Combine(folder, "knot.conf")]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("knotd is not on PATH. Install Knot DNS (Debian: apt-get install knot); .ci/run does this.");
        }
        var server = new KnotServer(folder, process, endPoint);
        await server.WaitForSerialAsync(zones.Keys.First(), 1);
        return server;
    }

    /// <summary>Replaces a zone's records and waits until Knot serves the new version.</summary>
    public async Task UpdateZoneAsync(string origin, string records, int serial)
    {
        File.WriteAllText(ZoneFile(_folder, origin), ZoneText(origin, records, serial));
        using var knotc = Process.Start(new ProcessStartInfo("knotc", ["-s", Path.Combine(_folder, "knot.sock"), "zone-reload", origin]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await knotc.WaitForExitAsync();
        await WaitForSerialAsync(origin, serial);
    }

    private async Task WaitForSerialAsync(string origin, int serial)
    {
        var client = new LookupClient(new LookupClientOptions(EndPoint) { UseCache = false, Retries = 0, Timeout = TimeSpan.FromMilliseconds(200) });
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(20))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"knotd exited: {File.ReadAllText(Path.Combine(_folder, "knot.log"))}{await _process.StandardError.ReadToEndAsync()}");
            try
            {
                var answer = await client.QueryAsync(origin, QueryType.SOA);
                if (answer.Answers.SoaRecords().Any(s => s.Serial == (uint)serial)) return;
            }
            catch (DnsResponseException)
            {
                // not listening yet
            }
        }
        throw new TimeoutException($"Knot did not serve {origin} serial {serial} within 10 s.");
    }

    private static string ZoneFile(string folder, string origin) => Path.Combine(folder, (origin == "." ? "root" : origin) + ".zone");

    /// <summary>
    /// The zone file: an SOA (unless the records bring their own; {serial} is replaced), then the
    /// records. Zones with no "@ IN NS" line get one name server, ns1 at 127.0.0.1.
    /// </summary>
    private static string ZoneText(string origin, string records, int serial)
    {
        string soa = records.Contains(" SOA ") ? "" : $"@ IN SOA ns1 hostmaster {serial} 3600 600 86400 300";
        string ns = records.Contains("@ IN NS ") ? "" : "@ IN NS ns1\nns1 IN A 127.0.0.1";
        return $"$ORIGIN {origin.TrimEnd('.')}.\n$TTL 300\n{soa}\n{ns}\n{records.Replace("{serial}", serial.ToString())}\n";
    }

    internal static int FreePort(IPAddress address)
    {
        // A port free for both UDP and TCP right now.
        for (int attempt = 0; ; attempt++)
        {
            using var udp = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(address, 0));
            int port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            try
            {
                using var tcp = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(address, port));
                return port;
            }
            catch (SocketException) when (attempt < 20)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
