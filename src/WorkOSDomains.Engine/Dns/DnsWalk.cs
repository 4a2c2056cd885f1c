using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;

namespace WorkOSDomains.Engine.Dns
{
    /// <summary>A name asked of the servers of one zone: a node of the walk's graph.</summary>
    internal sealed class NameInZone
    {
        internal NameInZone(string name, ZoneInfo zone)
        {
            Name = name;
            Zone = zone;
        }

        internal string Name { get; }
        internal ZoneInfo Zone { get; }
        internal ServerEval[] Servers = Array.Empty<ServerEval>();
        internal bool Resolved;
    }

    /// <summary>How one server's answer leads on: to the target of a CNAME, or into a delegated zone.</summary>
    internal enum EdgeKind
    {
        None,
        Cname,
        Referral,
    }

    /// <summary>
    /// The walk of one check as a graph search: a node per (name, zone), evaluated once; a server's
    /// CNAME or referral is an edge to another node. Exploring never waits for a node another branch
    /// is exploring, so nothing can deadlock; outcomes are settled afterwards by a depth-first pass in
    /// which an edge back to a node on the current path is a loop. Referrals are followed only into
    /// zones strictly below the one asked, CNAMEs only as deep as the hop limit, and every query goes
    /// through the check's budget: the walk always ends.
    /// </summary>
    internal sealed class DnsWalk
    {
        private readonly Check _check;
        private readonly CheckQueries _queries;
        private readonly ZoneFinder _zones;
        private readonly int _maxHops;
        private readonly List<NameInZone> _nodes = new List<NameInZone>();

        internal DnsWalk(Check check, CheckQueries queries, ZoneFinder zones, int maxHops)
        {
            _check = check;
            _queries = queries;
            _zones = zones;
            _maxHops = maxHops;
        }

        /// <summary>Asks every server of the zone for the name, follows where the answers lead, and settles each server's outcome.</summary>
        internal async Task<NameInZone> EvaluateAsync(string name, ZoneInfo zone, CancellationToken cancellationToken)
        {
            NameInZone node = await ExploreAsync(name, zone, 0, cancellationToken).ConfigureAwait(false);
            Settle(node, new HashSet<NameInZone>());
            return node;
        }

        private Task<NameInZone> ExploreAsync(string name, ZoneInfo zone, int hops, CancellationToken cancellationToken)
        {
            NameInZone node;
            lock (_nodes)
            {
                NameInZone? known = _nodes.FirstOrDefault(n => n.Name == name && n.Zone.Name == zone.Name);
                if (known != null) return Task.FromResult(known); // explored, or being explored by another branch
                node = new NameInZone(name, zone);
                _nodes.Add(node);
            }
            return FillAsync(node, hops, cancellationToken);
        }

        private async Task<NameInZone> FillAsync(NameInZone node, int hops, CancellationToken cancellationToken)
        {
            node.Servers = await Task.WhenAll(node.Zone.Servers.Select(s => s.EndPoint == null
                ? Task.FromResult(ServerEval.WithoutAddress(node, s.Host))
                : EvaluateServerAsync(node, s.Host, s.EndPoint, hops, cancellationToken))).ConfigureAwait(false);
            return node;
        }

        private async Task<ServerEval> EvaluateServerAsync(NameInZone node, string host, IPEndPoint server, int hops, CancellationToken cancellationToken)
        {
            Task<DnsReply> txt = _queries.AskAsync(server, node.Name, QueryType.TXT, recursion: false, cancellationToken);
            Task<DnsReply> soa = _queries.AskAsync(server, node.Zone.Name, QueryType.SOA, recursion: false, cancellationToken);
            var eval = new ServerEval(node, await txt.ConfigureAwait(false), host, "Authoritative");
            eval.Report.SoaSerial = (await soa.ConfigureAwait(false)).AnswerSoa?.Serial;
            eval.Local = await ClassifyAsync(eval, hops, cancellationToken).ConfigureAwait(false);
            return eval;
        }

        private async Task<string> ClassifyAsync(ServerEval eval, int hops, CancellationToken cancellationToken)
        {
            DnsReply reply = eval.Reply;
            string name = eval.Node.Name, zone = eval.Node.Zone.Name;
            if (!reply.Answered) return FindingCodes.Timeout;
            if (reply.ResponseCode == "SERVFAIL") return FindingCodes.ServerFailure;
            if (reply.ResponseCode == "REFUSED" || reply.ResponseCode == "NOTAUTH" || reply.ResponseCode == "NOTZONE") return FindingCodes.LameNameserver;
            if (reply.IsReferral)
            {
                string to = reply.AuthorityNs[0].Owner;
                if (to != zone && ZoneFinder.IsWithin(to, zone) && ZoneFinder.IsWithin(name, to))
                {
                    // The name sits in a zone delegated further down: ask that zone's own servers.
                    if (hops >= _maxHops) return FindingCodes.DelegationLoop;
                    ZoneInfo child = await _zones.FromReferralAsync(reply, zone, cancellationToken).ConfigureAwait(false);
                    eval.Follow(EdgeKind.Referral, await ExploreAsync(name, child, hops + 1, cancellationToken).ConfigureAwait(false));
                    return "";
                }
                // A referral sideways or up is no answer: this server does not serve the zone. When it
                // names itself among the servers, the delegation loops.
                eval.ReferralTo = to;
                bool toItself = reply.AuthorityNs.Any(ns => ns.Owner == to && ns.Host == eval.Report.Name);
                if (toItself) eval.LoopsBackTo = to;
                return toItself ? FindingCodes.DelegationLoop : FindingCodes.LameNameserver;
            }
            if (!reply.Authoritative) return FindingCodes.LameNameserver;

            if (reply.Cnames.Count > 0)
            {
                eval.CnameTarget = reply.Cnames.Last().Target;
                if (reply.CnameLoopsTo != null)
                {
                    eval.LoopsBackTo = reply.CnameLoopsTo;
                    return FindingCodes.CnameLoop;
                }
                if (reply.Txt.Count == 0)
                {
                    if (reply.IsNxDomain) return FindingCodes.CnameDangling; // the target is in this zone and does not exist
                    // Every CNAME of the chain counts toward the hop limit, as a resolver counts them.
                    int chained = hops + reply.Cnames.Count;
                    string? cut = reply.AuthoritySoa == null && reply.AuthorityNs.Count > 0 ? reply.AuthorityNs[0].Owner : null;
                    ZoneInfo? next = null;
                    if (cut != null && cut != zone && ZoneFinder.IsWithin(cut, zone) && ZoneFinder.IsWithin(eval.CnameTarget, cut))
                    {
                        // The target is in a zone delegated below this one: the answer carries the referral.
                        if (chained > _maxHops) return FindingCodes.CnameLoop;
                        next = await _zones.FromReferralAsync(reply, zone, cancellationToken).ConfigureAwait(false);
                    }
                    else if (!ZoneFinder.IsWithin(eval.CnameTarget, zone))
                    {
                        // The target lives in another zone: ask that zone's own servers.
                        if (chained > _maxHops) return FindingCodes.CnameLoop;
                        next = await _zones.FindEnclosingAsync(eval.CnameTarget, cancellationToken).ConfigureAwait(false);
                        if (next.Error != null) return FindingCodes.CnameDangling;
                    }
                    else if (reply.IsNoError && reply.AuthoritySoa == null)
                    {
                        // The server ended the answer inside the chain (Knot sends at most five CNAMEs):
                        // ask on from where it stopped, as resolvers do.
                        if (chained > _maxHops) return FindingCodes.CnameLoop;
                        next = eval.Node.Zone;
                    }
                    if (next != null)
                    {
                        eval.Follow(EdgeKind.Cname, await ExploreAsync(eval.CnameTarget, next, chained, cancellationToken).ConfigureAwait(false));
                        return "";
                    }
                }
            }

            if (reply.IsNxDomain) return FindingCodes.RecordMissing;
            if (reply.Txt.Count == 0)
            {
                if (!reply.IsNoError) return FindingCodes.ServerFailure;
                if (reply.AuthoritySoa == null) return FindingCodes.NegativeWithoutSoa;
                // NODATA: ask what the name does hold; nothing at all means an empty non-terminal.
                DnsReply any = await _queries.AskAsync(reply.Server, eval.CnameTarget ?? name, QueryType.ANY, recursion: false, cancellationToken).ConfigureAwait(false);
                if (any.Answered && any.IsNoError) eval.OtherTypes = any.AnswerTypes;
                return FindingCodes.NoTxtAtName;
            }
            return eval.Matched(_check.Challenge.Token);
        }

        /// <summary>
        /// Settles outcomes depth-first: a server whose answer leads on takes the outcome of the
        /// servers it leads to; an edge back to a node on the path is a loop.
        /// </summary>
        private static void Settle(NameInZone node, HashSet<NameInZone> path)
        {
            if (node.Resolved) return;
            path.Add(node);
            foreach (ServerEval eval in node.Servers)
            {
                if (eval.Next == null)
                {
                    eval.Outcome = eval.Local;
                    eval.Leaves = new[] { eval };
                }
                else if (path.Contains(eval.Next))
                {
                    eval.Outcome = eval.Kind == EdgeKind.Cname ? FindingCodes.CnameLoop : FindingCodes.DelegationLoop;
                    eval.LoopsBackTo = eval.Next.Name;
                    eval.Leaves = new[] { eval };
                }
                else
                {
                    Settle(eval.Next, path);
                    eval.TakeOutcomeOf(eval.Next);
                }
                eval.Report.Outcome = eval.Outcome;
            }
            path.Remove(node);
            node.Resolved = true;
        }
    }

    /// <summary>One server's answer for one name, and what it means.</summary>
    internal sealed class ServerEval
    {
        internal ServerEval(NameInZone node, DnsReply reply, string host, string role)
        {
            Node = node;
            Reply = reply;
            Report = new DnsServerReport
            {
                Server = reply.Error != null && reply.Server.Port == 0 ? "(no address)" : reply.Server.ToString(),
                Name = host,
                Role = role,
                QueryName = reply.Name,
                ResponseCode = reply.ResponseCode,
                Authoritative = reply.Authoritative,
                Truncated = reply.Truncated,
                Answers = reply.Txt.Select(DnsQuerier.Display).ToList(),
                Ttl = reply.TxtTtl,
                NegativeTtl = reply.AuthoritySoa?.NegativeTtl,
                Elapsed = reply.Elapsed,
                Error = reply.Error,
            };
        }

        internal NameInZone Node { get; }
        internal DnsReply Reply { get; }
        internal DnsServerReport Report { get; }
        /// <summary>What this answer alone shows; empty when it leads on (<see cref="Next"/>).</summary>
        internal string Local = "";
        /// <summary>The settled outcome: <see cref="Local"/>, or that of the servers it leads to.</summary>
        internal string Outcome = "";
        internal MatchResult? Match;
        /// <summary>The end of the CNAME chain in this answer.</summary>
        internal string? CnameTarget;
        /// <summary>The name whose records this answer is about: the end of its CNAME chain, else the name asked.</summary>
        internal string AnsweredName => CnameTarget ?? Node.Name;
        /// <summary>The name a CNAME chain or a delegation comes back to.</summary>
        internal string? LoopsBackTo;
        /// <summary>The zone a referral that was not followed pointed to.</summary>
        internal string? ReferralTo;
        /// <summary>For NODATA: the record types the name holds (none: an empty non-terminal); null when unknown.</summary>
        internal List<string>? OtherTypes;
        internal bool HasNoAddress;
        internal EdgeKind Kind;
        internal NameInZone? Next;
        /// <summary>The answers this outcome rests on: this one, or those at the end of where it leads.</summary>
        internal IReadOnlyList<ServerEval> Leaves = Array.Empty<ServerEval>();

        internal void Follow(EdgeKind kind, NameInZone next)
        {
            Kind = kind;
            Next = next;
        }

        internal string Matched(string token)
        {
            Match = ValueMatcher.Match(token, Reply.Txt);
            switch (Match.Level)
            {
                case MatchLevel.Exact: return FindingCodes.Pass;
                case MatchLevel.Whitespace: return FindingCodes.ValueWhitespace;
                case MatchLevel.Quoted: return FindingCodes.ValueQuoted;
                case MatchLevel.PrefixMismatch: return FindingCodes.ValuePrefixMismatch;
                case MatchLevel.CaseMismatch: return FindingCodes.ValueCaseMismatch;
                case MatchLevel.SplitRecords: return FindingCodes.ValueSplitRecords;
                default: return Reply.Txt.Count > 1 ? FindingCodes.MultipleRecords : FindingCodes.WrongValue;
            }
        }

        /// <summary>Takes the outcome of the servers a CNAME or referral led to: the first that fails, else Pass.</summary>
        internal void TakeOutcomeOf(NameInZone next)
        {
            Leaves = next.Servers.SelectMany(s => s.Leaves).Distinct().ToList();
            ServerEval? failing = next.Servers.FirstOrDefault(s => s.Outcome != FindingCodes.Pass);
            Match = (failing ?? next.Servers.FirstOrDefault())?.Match;
            Outcome = failing?.Outcome ?? (next.Servers.Length > 0 ? FindingCodes.Pass : FindingCodes.RecordMissing);
            // A CNAME to a name no server has, wherever the chain ends: the alias dangles. (Some servers
            // having it is a disagreement, not a dangling alias.)
            if (Kind == EdgeKind.Cname && Leaves.Count > 0 && Leaves.All(l => l.Outcome == FindingCodes.RecordMissing || l.Outcome == FindingCodes.CnameDangling)) Outcome = FindingCodes.CnameDangling;
        }

        internal static ServerEval WithoutAddress(NameInZone node, string host)
        {
            var reply = new DnsReply { Server = new IPEndPoint(IPAddress.None, 0), Name = node.Name, Error = "the name server has no address (A or AAAA record)" };
            return new ServerEval(node, reply, host, "Authoritative") { Local = FindingCodes.LameNameserver, HasNoAddress = true };
        }

        /// <summary>A resolver's answer: what it serves, with no walk behind it.</summary>
        internal static ServerEval ForResolver(DnsReply reply, string token)
        {
            var eval = new ServerEval(new NameInZone(reply.Name, new ZoneInfo()), reply, reply.Server.ToString(), "Resolver");
            eval.Outcome = !reply.Answered ? FindingCodes.Timeout
                : !reply.IsNoError && !reply.IsNxDomain ? FindingCodes.ServerFailure
                : reply.IsNxDomain ? (reply.Cnames.Count > 0 ? FindingCodes.CnameDangling : FindingCodes.RecordMissing)
                : reply.Txt.Count == 0 ? FindingCodes.NoTxtAtName
                : eval.Matched(token);
            eval.CnameTarget = reply.Cnames.Count > 0 ? reply.Cnames.Last().Target : null;
            eval.Leaves = new[] { eval };
            eval.Report.Outcome = eval.Outcome;
            return eval;
        }
    }
}
