using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;

namespace WorkOSDomains.Engine.Dns
{
    /// <summary>A zone and the addresses of its authoritative servers.</summary>
    internal sealed class ZoneInfo
    {
        internal string Name = "";
        internal List<(string Host, IPEndPoint? EndPoint)> Servers = new List<(string, IPEndPoint?)>();
        /// <summary>Learned from a referral: the parent zone delegates this one.</summary>
        internal bool FromReferral;
        internal string? Error;
    }

    /// <summary>
    /// Finds the zone of a name by asking for its SOA and walking up the labels (never guessing
    /// from a public-suffix list), then resolves every name server to its addresses.
    /// </summary>
    internal sealed class ZoneFinder
    {
        private readonly DnsQuerier _querier;
        private readonly IReadOnlyList<IPEndPoint> _bootstrap;
        private readonly int _authoritativePort;

        internal ZoneFinder(DnsQuerier querier, IReadOnlyList<IPEndPoint> bootstrap, int authoritativePort)
        {
            _querier = querier;
            _bootstrap = bootstrap;
            _authoritativePort = authoritativePort;
        }

        internal async Task<ZoneInfo> FindAsync(string name, CancellationToken cancellationToken)
        {
            string[] labels = name.Split('.');
            for (int i = 0; i < labels.Length; i++)
            {
                string candidate = string.Join(".", labels.Skip(i));
                DnsReply? reply = await AskAsync(candidate, QueryType.SOA, cancellationToken).ConfigureAwait(false);
                if (reply == null) return new ZoneInfo { Name = candidate, Error = $"no resolver answered ({string.Join(", ", _bootstrap)})" };

                if (reply.AnswerSoa?.Owner == candidate) return await WithServersAsync(candidate, cancellationToken).ConfigureAwait(false);
                if (reply.AuthoritySoa is { } soa && IsWithin(name, soa.Owner) && reply.Cnames.Count == 0)
                    return await WithServersAsync(soa.Owner, cancellationToken).ConfigureAwait(false);
                if (reply.IsReferral) return await FromReferralAsync(reply, cancellationToken).ConfigureAwait(false);
            }
            return new ZoneInfo { Name = name, Error = "no SOA record was found for it or any parent up to the top-level domain" };
        }

        /// <summary>The child zone a referral points to, with its servers from the referral's NS and glue.</summary>
        internal async Task<ZoneInfo> FromReferralAsync(DnsReply referral, CancellationToken cancellationToken)
        {
            string zone = referral.AuthorityNs[0].Owner;
            var hosts = referral.AuthorityNs.Where(ns => ns.Owner == zone).Select(ns => ns.Host).Distinct().ToList();
            var info = await ResolveServersAsync(zone, hosts, referral.Addresses, cancellationToken).ConfigureAwait(false);
            info.FromReferral = true;
            return info;
        }

        private async Task<ZoneInfo> WithServersAsync(string zone, CancellationToken cancellationToken)
        {
            DnsReply? ns = await AskAsync(zone, QueryType.NS, cancellationToken).ConfigureAwait(false);
            if (ns == null) return new ZoneInfo { Name = zone, Error = "no resolver answered the NS query" };
            if (ns.AnswerNs.Count == 0 && ns.IsReferral) return await FromReferralAsync(ns, cancellationToken).ConfigureAwait(false);
            if (ns.AnswerNs.Count == 0) return new ZoneInfo { Name = zone, Error = $"the zone {zone} has no NS records ({ns.ResponseCode})" };
            return await ResolveServersAsync(zone, ns.AnswerNs.Distinct().ToList(), ns.Addresses, cancellationToken).ConfigureAwait(false);
        }

        private async Task<ZoneInfo> ResolveServersAsync(string zone, List<string> hosts, List<(string Host, IPAddress Address)> glue, CancellationToken cancellationToken)
        {
            var info = new ZoneInfo { Name = zone };
            var lookups = hosts.Select(async host =>
            {
                var addresses = glue.Where(g => g.Host == host).Select(g => g.Address).ToList();
                if (addresses.Count == 0)
                {
                    var replies = await Task.WhenAll(AskAsync(host, QueryType.A, cancellationToken), AskAsync(host, QueryType.AAAA, cancellationToken)).ConfigureAwait(false);
                    addresses = replies.Where(r => r != null).SelectMany(r => r!.Addresses.Where(a => a.Host == host).Select(a => a.Address)).ToList();
                }
                return (host, addresses);
            });
            foreach (var (host, addresses) in await Task.WhenAll(lookups).ConfigureAwait(false))
            {
                if (addresses.Count == 0) info.Servers.Add((host, null));
                foreach (IPAddress address in addresses.Distinct()) info.Servers.Add((host, new IPEndPoint(address, _authoritativePort)));
            }
            return info;
        }

        /// <summary>Asks the bootstrap resolvers in turn; null when none gave a usable answer.</summary>
        private async Task<DnsReply?> AskAsync(string name, QueryType type, CancellationToken cancellationToken)
        {
            foreach (IPEndPoint resolver in _bootstrap)
            {
                DnsReply reply = await _querier.AskAsync(resolver, name, type, recursion: true, cancellationToken).ConfigureAwait(false);
                if (reply.Answered && reply.ResponseCode != "SERVFAIL") return reply;
            }
            return null;
        }

        internal static bool IsWithin(string name, string zone) =>
            name == zone || name.EndsWith("." + zone, StringComparison.Ordinal);
    }
}
