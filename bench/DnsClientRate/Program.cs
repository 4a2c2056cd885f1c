// Usage: DnsClientRate <server ip:port> <file of names> [concurrency] [bare]
// Asks the server for the TXT record of each name, over and over for five seconds, with the
// inspector's query options (one server per query, no recursion, no cache, EDNS 4096), and prints
// the queries per second it sustained. With "bare": no DnsClient at all, only what its design does
// per query (a new UDP socket, one datagram out, one in, nothing parsed), to show where that
// design's ceiling lies on this machine.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DnsClient;

var server = IPEndPoint.Parse(args[0]);
string[] names = File.ReadAllLines(args[1]);
int concurrency = args.Length > 2 ? int.Parse(args[2]) : 64;
bool bare = args.Length > 3 && args[3] == "bare";
var client = new LookupClient(new LookupClientOptions { UseCache = false, AutoResolveNameServers = false });
var options = new DnsQueryAndServerOptions(new NameServer(server))
{
    Recursion = false, UseCache = false, Retries = 1, Timeout = TimeSpan.FromSeconds(3), UseTcpFallback = false,
    ContinueOnDnsError = false, ContinueOnEmptyResponse = false, ThrowDnsErrors = false, UseRandomNameServer = false,
    ExtendedDnsBufferSize = 4096,
};
var clock = Stopwatch.StartNew();
long sent = 0;
await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
{
    var buffer = new byte[4096];
    for (int i = worker; clock.Elapsed < TimeSpan.FromSeconds(5); i += concurrency)
    {
        string name = names[i % names.Length];
        if (bare)
        {
            using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            await socket.SendToAsync(Question(name, (ushort)i), SocketFlags.None, server);
            await socket.ReceiveFromAsync(buffer, SocketFlags.None, server);
        }
        else
        {
            await client.QueryAsync(new DnsQuestion(name, QueryType.TXT), options);
        }
        Interlocked.Increment(ref sent);
    }
}));
Console.WriteLine($"{sent / clock.Elapsed.TotalSeconds:0}");

// A TXT question for the name, RD=0, as the inspector sends (without EDNS: the bare floor).
static byte[] Question(string name, ushort id)
{
    var message = new List<byte> { (byte)(id >> 8), (byte)id, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 };
    foreach (string label in name.Split('.'))
    {
        message.Add((byte)label.Length);
        message.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
    }
    message.AddRange(new byte[] { 0, 0, 16, 0, 1 });
    return message.ToArray();
}
