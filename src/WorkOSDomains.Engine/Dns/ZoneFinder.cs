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
        /// <summary>
        /// The zone whose NS records at <see cref="Name"/> delegate it, when the check learned it
        /// from that zone's own servers; its fixes then name those NS records.
        /// </summary>
        internal string? DelegatedBy;
        internal string? Error;
        /// <summary>The error is that the bootstrap resolvers gave no answer at all: this computer's DNS, not the domain's.</summary>
        internal bool NoResolverAnswered;
    }

    /// <summary>
    /// Finds the zone of a name by asking the bootstrap resolvers for its SOA and walking up the
    /// labels (never guessing from a public-suffix list), then resolves every name server to its
    /// addresses. One instance serves one check: each lookup is made once and reused.
    /// </summary>
    internal sealed class ZoneFinder
    {
        private readonly CheckQueries _queries;
        private readonly IReadOnlyList<IPEndPoint> _bootstrap;
        private readonly int _authoritativePort;
        private readonly Dictionary<string, Task<ZoneInfo>> _found = new Dictionary<string, Task<ZoneInfo>>();

        internal ZoneFinder(CheckQueries queries, IReadOnlyList<IPEndPoint> bootstrap, int authoritativePort)
        {
            _queries = queries;
            _bootstrap = bootstrap;
            _authoritativePort = authoritativePort;
        }

        /// <summary>The zone of a name and its servers; looked up once per check.</summary>
        internal Task<ZoneInfo> FindAsync(string name, CancellationToken cancellationToken) =>
            Once("find " + name, () => FindOnceAsync(name, withServers: true, cancellationToken));

        /// <summary>Only the zone's name, from the SOA walk (what resolver mode needs).</summary>
        internal Task<ZoneInfo> FindNameAsync(string name, CancellationToken cancellationToken) =>
            Once("name " + name, () => FindOnceAsync(name, withServers: false, cancellationToken));

        /// <summary>
        /// The zone that holds a name which may not exist yet (a CNAME target), found from its parent
        /// labels so that no resolver is asked about the name itself and caches "no such name". Its
        /// servers, asked directly, answer for the name or refer it to a zone further down.
        /// </summary>
        internal Task<ZoneInfo> FindEnclosingAsync(string name, CancellationToken cancellationToken)
        {
            int dot = name.IndexOf('.');
            return dot < 0 || dot == name.Length - 1
                ? Task.FromResult(new ZoneInfo { Name = name, Error = "it is a top-level domain" })
                : FindAsync(name.Substring(dot + 1), cancellationToken);
        }

        private Task<ZoneInfo> Once(string key, Func<Task<ZoneInfo>> find)
        {
            lock (_found)
            {
                if (!_found.TryGetValue(key, out Task<ZoneInfo>? task)) _found[key] = task = find();
                return task;
            }
        }

        private async Task<ZoneInfo> FindOnceAsync(string name, bool withServers, CancellationToken cancellationToken)
        {
            string[] labels = name.Split('.');
            string? failedBelow = null; // the deepest name the resolvers failed on (SERVFAIL, or no answer in time)
            bool resolversAnswer = false;
            for (int i = 0; i < labels.Length; i++)
            {
                string candidate = string.Join(".", labels.Skip(i));
                DnsReply? reply = await AskAsync(candidate, QueryType.SOA, cancellationToken).ConfigureAwait(false);
                // Silence is either a resolver still waiting on dead name servers, or no resolver at
                // all: a question any resolver answers at once (the root's name servers) tells which.
                if (reply == null && !resolversAnswer)
                {
                    if (await AskAsync(".", QueryType.NS, cancellationToken).ConfigureAwait(false) == null)
                        return new ZoneInfo { Name = candidate, Error = $"no resolver answered ({string.Join(", ", _bootstrap)})", NoResolverAnswered = true };
                    resolversAnswer = true;
                }
                if (reply == null || reply.ResponseCode == "SERVFAIL")
                {
                    // Typically every server the parent lists for it refuses it or is gone (a lame
                    // delegation), and the resolver fails or gives up later than we wait: walk on up,
                    // then ask the parent's own servers for the delegation.
                    failedBelow ??= candidate;
                    continue;
                }

                string? zone = reply.AnswerSoa?.Owner == candidate ? candidate
                    : reply.AuthoritySoa is { } soa && IsWithin(name, soa.Owner) && reply.Cnames.Count == 0 ? soa.Owner
                    : null;
                if (zone == null && reply.IsReferral)
                    return withServers ? await FromReferralAsync(reply, null, cancellationToken).ConfigureAwait(false) : new ZoneInfo { Name = reply.AuthorityNs[0].Owner };
                if (zone == null) continue;
                if (!withServers) return new ZoneInfo { Name = zone };

                ZoneInfo found = await WithServersAsync(zone, cancellationToken).ConfigureAwait(false);
                if (failedBelow == null || found.Error != null || failedBelow == zone || !IsWithin(failedBelow, zone)) return found;
                return await DelegationFromParentAsync(failedBelow, found, cancellationToken).ConfigureAwait(false) ?? found;
            }
            return new ZoneInfo
            {
                Name = name,
                Error = failedBelow == null
                    ? "no SOA record was found for it or any parent up to the top-level domain"
                    : $"the resolvers failed (SERVFAIL or no answer) for {failedBelow} and no parent zone could be asked",
            };
        }

        /// <summary>Asks the parent zone's servers, directly, which servers it delegates a name to.</summary>
        private async Task<ZoneInfo?> DelegationFromParentAsync(string name, ZoneInfo parent, CancellationToken cancellationToken)
        {
            foreach (var (_, endPoint) in parent.Servers)
            {
                if (endPoint == null) continue;
                DnsReply reply = await _queries.AskAsync(endPoint, name, QueryType.NS, recursion: false, cancellationToken).ConfigureAwait(false);
                if (!reply.Answered || !reply.IsNoError && !reply.IsNxDomain) continue;
                return reply.IsReferral && IsWithin(name, reply.AuthorityNs[0].Owner) ? await FromReferralAsync(reply, parent.Name, cancellationToken).ConfigureAwait(false) : null;
            }
            return null;
        }

        /// <summary>The child zone a referral points to, with its servers from the referral's NS and glue.</summary>
        /// <param name="delegatedBy">The zone whose server gave the referral, when the check walks it.</param>
        internal Task<ZoneInfo> FromReferralAsync(DnsReply referral, string? delegatedBy, CancellationToken cancellationToken)
        {
            string zone = referral.AuthorityNs[0].Owner;
            var hosts = referral.AuthorityNs.Where(ns => ns.Owner == zone).Select(ns => ns.Host).Distinct().OrderBy(h => h, StringComparer.Ordinal).ToList();
            return Once($"referral {zone} {delegatedBy} {string.Join(",", hosts)}", async () =>
            {
                ZoneInfo info = await ResolveServersAsync(zone, hosts, referral.Addresses, cancellationToken).ConfigureAwait(false);
                info.DelegatedBy = delegatedBy;
                return info;
            });
        }

        private async Task<ZoneInfo> WithServersAsync(string zone, CancellationToken cancellationToken)
        {
            DnsReply? ns = await AskAsync(zone, QueryType.NS, cancellationToken).ConfigureAwait(false);
            if (ns == null || ns.ResponseCode == "SERVFAIL") return new ZoneInfo { Name = zone, Error = "no resolver answered the NS query" };
            if (ns.AnswerNs.Count == 0 && ns.IsReferral) return await FromReferralAsync(ns, null, cancellationToken).ConfigureAwait(false);
            if (ns.AnswerNs.Count == 0) return new ZoneInfo { Name = zone, Error = $"the zone {zone} has no NS records ({ns.ResponseCode})" };
            return await ResolveServersAsync(zone, ns.AnswerNs.Distinct().ToList(), ns.Addresses, cancellationToken).ConfigureAwait(false);
        }

        private async Task<ZoneInfo> ResolveServersAsync(string zone, List<string> hosts, List<(string Host, IPAddress Address)> glue, CancellationToken cancellationToken)
        {
            var info = new ZoneInfo { Name = zone };
            // Sorted, so that a report lists its servers in the same order however a resolver rotates them.
            var lookups = hosts.Distinct().OrderBy(h => h, StringComparer.Ordinal).Select(async host =>
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
                foreach (IPAddress address in addresses.Distinct().OrderBy(a => a.ToString(), StringComparer.Ordinal)) info.Servers.Add((host, new IPEndPoint(address, _authoritativePort)));
            }
            return info;
        }

        /// <summary>
        /// Asks the bootstrap resolvers in turn: the first usable answer, else a SERVFAIL if one
        /// came, else null when none answered at all.
        /// </summary>
        private async Task<DnsReply?> AskAsync(string name, QueryType type, CancellationToken cancellationToken)
        {
            DnsReply? failed = null;
            foreach (IPEndPoint resolver in _bootstrap)
            {
                DnsReply reply = await _queries.AskAsync(resolver, name, type, recursion: true, cancellationToken).ConfigureAwait(false);
                if (reply.Answered && reply.ResponseCode != "SERVFAIL") return reply;
                if (reply.Answered) failed = reply;
            }
            return failed;
        }

        internal static bool IsWithin(string name, string zone) =>
            name == zone || name.EndsWith("." + zone, StringComparison.Ordinal);
    }
}
