// Usage: DnsClientRate <server ip:port> <file of names> [concurrency]
// Asks the server for the TXT record of each name, over and over for five seconds, with the
// inspector's query options (one server per query, no recursion, no cache, EDNS 4096), and prints
// the queries per second it sustained.
using System.Diagnostics;
using System.Net;
using DnsClient;

var server = IPEndPoint.Parse(args[0]);
string[] names = File.ReadAllLines(args[1]);
int concurrency = args.Length > 2 ? int.Parse(args[2]) : 64;
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
    for (int i = worker; clock.Elapsed < TimeSpan.FromSeconds(5); i += concurrency)
    {
        await client.QueryAsync(new DnsQuestion(names[i % names.Length], QueryType.TXT), options);
        Interlocked.Increment(ref sent);
    }
}));
Console.WriteLine($"{sent / clock.Elapsed.TotalSeconds:0}");
