using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;

namespace WorkOSDomains.Engine.Dns
{
    /// <summary>
    /// Checks a domain's TXT challenge the way the strictest ACME checkers do and explains every
    /// way it can fail: finds the zone, asks every authoritative server directly (one server per
    /// query, no recursion, no cache), compares values by a ladder, and looks where a misplaced
    /// record usually ends up. Thread-safe: one instance checks many domains at once.
    /// </summary>
    public sealed class DnsInspector
    {
        private readonly DnsCheckOptions _options;
        private readonly DnsQuerier _querier;
        private readonly ZoneFinder _zones;

        public DnsInspector(DnsCheckOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (!options.IncludeAuthoritative && options.Resolvers.Count == 0)
                throw new ArgumentException("Nothing to ask: give resolvers, or include the authoritative servers.", nameof(options));
            _querier = new DnsQuerier(options.QueryTimeout);
            IReadOnlyList<IPEndPoint> bootstrap = options.BootstrapResolvers.Count > 0
                ? options.BootstrapResolvers.ToList()
                : NameServer.ResolveNameServers(skipIPv6SiteLocal: true, fallbackToGooglePublicDns: false).Select(n => new IPEndPoint(IPAddress.Parse(n.Address), n.Port)).ToList();
            _zones = new ZoneFinder(_querier, bootstrap, options.AuthoritativePort);
        }

        public async Task<DnsChallengeResult> CheckAsync(DnsChallenge challenge, CancellationToken cancellationToken = default)
        {
            var check = new Check(challenge, _options);
            if (challenge.InputDomain.ToLowerInvariant().TrimEnd('.') != challenge.Domain) check.Findings.Add(FindingText.IdnConverted(challenge));

            List<ServerEval> authoritative = new List<ServerEval>();
            if (_options.IncludeAuthoritative)
            {
                // Find the zone from the domain, never from the record name: a resolver asked about a
                // record that does not exist yet would cache "no such name" for the negative TTL.
                // A zone cut below the domain shows up as a referral from its servers, and is followed.
                ZoneInfo zone = await _zones.FindAsync(challenge.Domain, cancellationToken).ConfigureAwait(false);
                check.Zone = zone;
                if (zone.Error != null)
                {
                    check.Findings.Add(FindingText.ZoneNotFound(challenge, zone.Error));
                }
                else
                {
                    if (zone.FromReferral) check.Findings.Add(FindingText.Delegated(check, zone));
                    authoritative = await EvaluateNameAsync(check, check.RecordName, zone, 0, cancellationToken).ConfigureAwait(false);
                    if (challenge.Prefix == null && !AllPass(authoritative))
                    {
                        // No prefix from WorkOS: the current docs put the record at the apex.
                        List<ServerEval> apex = await EvaluateNameAsync(check, challenge.Domain, zone, 0, cancellationToken).ConfigureAwait(false);
                        if (AllPass(apex))
                        {
                            check.RecordName = challenge.Domain;
                            check.RecordNameSource = $"the apex: nothing verifies at {challenge.RecordName}, the {DnsChallenge.DefaultPrefix} default";
                            check.Findings.Add(FindingText.FallbackName(check));
                            authoritative = apex;
                        }
                    }
                    Summarize(check, authoritative);
                    if (!AllPass(authoritative))
                    {
                        ServerEval? responsive = authoritative.FirstOrDefault(e => e.Reply.Answered && e.Reply.Authoritative);
                        if (responsive != null) await ProbeAsync(check, responsive.Reply.Server, recursion: false, authoritative, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            if (_options.Resolvers.Count > 0)
            {
                var resolvers = await Task.WhenAll(_options.Resolvers.Select(r => EvaluateServerAsync(check, r, r.ToString(), "Resolver", check.RecordName, null, 0, cancellationToken))).ConfigureAwait(false);
                if (_options.IncludeAuthoritative)
                {
                    // The authoritative servers decide; resolvers show what caches still serve.
                    check.Servers.AddRange(resolvers.Select(r => r.Report));
                    if (authoritative.Count > 0 && AllPass(authoritative))
                        foreach (ServerEval stale in resolvers.Where(r => r.Outcome != FindingCodes.Pass)) check.Findings.Add(FindingText.ResolverStale(check, stale));
                }
                else
                {
                    Summarize(check, resolvers.ToList());
                    ServerEval? responsive = resolvers.FirstOrDefault(r => r.Reply.Answered);
                    if (!AllPass(resolvers) && responsive != null) await ProbeAsync(check, responsive.Reply.Server, recursion: true, resolvers.ToList(), cancellationToken).ConfigureAwait(false);
                }
            }
            return check.ToResult();
        }

        private static bool AllPass(IReadOnlyCollection<ServerEval> evals) => evals.Count > 0 && evals.All(e => e.Outcome == FindingCodes.Pass);

        /// <summary>Asks every server of the zone for the name, following CNAMEs and referrals.</summary>
        private async Task<List<ServerEval>> EvaluateNameAsync(Check check, string name, ZoneInfo zone, int hops, CancellationToken cancellationToken)
        {
            var evals = zone.Servers.Select(s => s.EndPoint == null
                ? Task.FromResult(ServerEval.Unreachable(s.Host, name, "the name server has no address record"))
                : EvaluateServerAsync(check, s.EndPoint, s.Host, "Authoritative", name, zone, hops, cancellationToken));
            return (await Task.WhenAll(evals).ConfigureAwait(false)).ToList();
        }

        private async Task<ServerEval> EvaluateServerAsync(Check check, IPEndPoint server, string host, string role, string name, ZoneInfo? zone, int hops, CancellationToken cancellationToken)
        {
            bool authoritative = role == "Authoritative";
            Task<DnsReply> txt = _querier.AskAsync(server, name, QueryType.TXT, recursion: !authoritative, cancellationToken);
            Task<DnsReply>? soa = zone == null ? null : _querier.AskAsync(server, zone.Name, QueryType.SOA, recursion: false, cancellationToken);
            DnsReply reply = await txt.ConfigureAwait(false);
            var eval = new ServerEval(reply, new DnsServerReport
            {
                Server = server.ToString(),
                Name = host,
                Role = role,
                QueryName = name,
                ResponseCode = reply.ResponseCode,
                Authoritative = reply.Authoritative,
                Truncated = reply.Truncated,
                Answers = reply.Txt.Select(DnsQuerier.Display).ToList(),
                Ttl = reply.TxtTtl,
                NegativeTtl = reply.AuthoritySoa?.NegativeTtl,
                Elapsed = reply.Elapsed,
                Error = reply.Error,
            });
            if (soa != null) eval.Report.SoaSerial = (await soa.ConfigureAwait(false)).AnswerSoa?.Serial;

            eval.Outcome = await ClassifyAsync(check, eval, authoritative, name, zone, hops, cancellationToken).ConfigureAwait(false);
            eval.Report.Outcome = eval.Outcome;
            return eval;
        }

        private async Task<string> ClassifyAsync(Check check, ServerEval eval, bool authoritative, string name, ZoneInfo? zone, int hops, CancellationToken cancellationToken)
        {
            DnsReply reply = eval.Reply;
            if (!reply.Answered) return FindingCodes.Timeout;
            if (reply.ResponseCode == "SERVFAIL") return FindingCodes.ServerFailure;
            if (reply.ResponseCode == "REFUSED" || reply.ResponseCode == "NOTAUTH" || reply.ResponseCode == "NOTZONE") return authoritative ? FindingCodes.LameNameserver : FindingCodes.ServerFailure;
            if (authoritative && reply.IsReferral && hops < _options.MaxCnameHops)
            {
                // The name sits in a zone delegated further down: ask that zone's own servers.
                ZoneInfo child = await _zones.FromReferralAsync(reply, cancellationToken).ConfigureAwait(false);
                eval.Referral = child; // reported by Summarize: servers are classified concurrently
                return Follow(eval, await EvaluateNameAsync(check, name, child, hops + 1, cancellationToken).ConfigureAwait(false));
            }
            if (authoritative && !reply.Authoritative) return FindingCodes.LameNameserver;

            if (reply.Cnames.Count > 0)
            {
                string target = reply.Cnames.Last().Target;
                eval.CnameTarget = target;
                if (reply.Txt.Count == 0 && hops < _options.MaxCnameHops)
                {
                    if (reply.IsNxDomain) return FindingCodes.CnameDangling; // the target is in this zone and does not exist
                    if (authoritative && (zone == null || !ZoneFinder.IsWithin(target, zone.Name)))
                    {
                        // The target lives in another zone: ask that zone's own servers.
                        ZoneInfo targetZone = await _zones.FindAsync(target, cancellationToken).ConfigureAwait(false);
                        if (targetZone.Error != null) return FindingCodes.CnameDangling;
                        List<ServerEval> chased = await EvaluateNameAsync(check, target, targetZone, hops + 1, cancellationToken).ConfigureAwait(false);
                        if (chased.All(c => c.Outcome == FindingCodes.RecordMissing)) { eval.Followed.AddRange(chased); return FindingCodes.CnameDangling; }
                        return Follow(eval, chased);
                    }
                }
            }

            if (reply.IsNxDomain) return FindingCodes.RecordMissing;
            if (reply.Txt.Count == 0)
                return !reply.IsNoError ? FindingCodes.ServerFailure
                    : reply.AuthoritySoa != null || !authoritative ? FindingCodes.NoTxtAtName
                    : FindingCodes.NegativeWithoutSoa;

            eval.Match = ValueMatcher.Match(check.Challenge.Token, reply.Txt);
            switch (eval.Match.Level)
            {
                case MatchLevel.Exact: return FindingCodes.Pass;
                case MatchLevel.Whitespace: return FindingCodes.ValueWhitespace;
                case MatchLevel.Quoted: return FindingCodes.ValueQuoted;
                case MatchLevel.PrefixMismatch: return FindingCodes.ValuePrefixMismatch;
                case MatchLevel.CaseMismatch: return FindingCodes.ValueCaseMismatch;
                case MatchLevel.SplitRecords: return FindingCodes.ValueSplitRecords;
                default: return reply.Txt.Count > 1 ? FindingCodes.MultipleRecords : FindingCodes.WrongValue;
            }
        }

        /// <summary>Takes the outcome of the servers a CNAME or referral led to.</summary>
        private static string Follow(ServerEval eval, List<ServerEval> followed)
        {
            eval.Followed.AddRange(followed);
            ServerEval? failing = followed.FirstOrDefault(f => f.Outcome != FindingCodes.Pass);
            eval.Match = (failing ?? followed.FirstOrDefault())?.Match;
            return failing?.Outcome ?? (followed.Count > 0 ? FindingCodes.Pass : FindingCodes.RecordMissing);
        }

        /// <summary>Turns per-server outcomes into findings: one per code, with every server as evidence.</summary>
        private void Summarize(Check check, List<ServerEval> evals)
        {
            var all = evals.Concat(evals.SelectMany(e => e.Followed)).ToList();
            check.Servers.AddRange(all.Select(e => e.Report));
            foreach (ServerEval cname in evals.Where(e => e.CnameTarget != null && e.Outcome != FindingCodes.CnameDangling).Take(1))
                check.Findings.Add(FindingText.CnameFollowed(check, cname.CnameTarget!));
            foreach (ServerEval referred in evals.Where(e => e.Referral != null).Take(1))
                check.Findings.Add(FindingText.Delegated(check, referred.Referral!));

            foreach (var group in evals.GroupBy(e => e.Outcome))
            {
                List<ServerEval> servers = group.ToList();
                check.Findings.Add(group.Key == FindingCodes.Pass
                    ? FindingText.Pass(check, servers, evals.Count)
                    : FindingText.ForOutcome(check, group.Key, servers));
            }

            ServerEval? passing = evals.FirstOrDefault(e => e.Outcome == FindingCodes.Pass && e.Match != null);
            if (passing?.Match is MatchResult match)
            {
                check.ValueForm = match.Form;
                if (match.SplitStrings) check.Findings.Add(FindingText.ValueSplitStrings(check, passing));
                if (match.RecordCount > 1) check.Findings.Add(FindingText.MultipleRecordsWithToken(check, passing));
                if (match.Form == "Prefixed") check.Findings.Add(FindingText.ValuePrefixedForm(check));
            }

            if (all.Any(e => e.Reply.Truncated)) check.Findings.Add(FindingText.Truncated(all.Where(e => e.Reply.Truncated)));

            var answered = evals.Where(e => e.Reply.Answered && e.Outcome != FindingCodes.LameNameserver && e.Outcome != FindingCodes.ServerFailure).ToList();
            if (answered.Select(Signature).Distinct().Count() > 1) check.Findings.Add(FindingText.NameserversDisagree(check, answered));

            if (!AllPass(evals))
            {
                int? negative = evals.Where(e => e.Outcome == FindingCodes.RecordMissing || e.Outcome == FindingCodes.NoTxtAtName).Max(e => e.Report.NegativeTtl);
                int? positive = evals.Where(e => e.Match != null && e.Outcome != FindingCodes.Pass).Max(e => e.Report.Ttl);
                if (negative > _options.HighTtl.TotalSeconds) check.Findings.Add(FindingText.HighNegativeTtl(check, negative.Value));
                else if (positive > _options.HighTtl.TotalSeconds) check.Findings.Add(FindingText.HighTtl(check, positive.Value));
            }
        }

        private static string Signature(ServerEval e) => e.Outcome + "|" + string.Join("|", e.Report.Answers.OrderBy(a => a, StringComparer.Ordinal));

        /// <summary>Looks where a misplaced record usually ends up, and for a wildcard.</summary>
        private async Task ProbeAsync(Check check, IPEndPoint server, bool recursion, List<ServerEval> expected, CancellationToken cancellationToken)
        {
            DnsChallenge c = check.Challenge;
            string host = check.HostLabel;
            var probes = new List<(string Name, Func<string, DnsFinding> Finding)>
            {
                (check.RecordName + "." + c.Domain, found => FindingText.ZoneAppendedTwice(check, found, c.Domain)),
            };
            if (check.ZoneName != null && check.ZoneName != c.Domain)
                probes.Add((check.RecordName + "." + check.ZoneName, found => FindingText.ZoneAppendedTwice(check, found, check.ZoneName)));
            if (check.RecordName != c.Domain) probes.Add((c.Domain, found => FindingText.RecordAtApex(check, found)));
            string prefix = c.Prefix ?? DnsChallenge.DefaultPrefix;
            var typos = new[] { DnsChallenge.DefaultPrefix, "_workos_challenge", "workos-challenge", "workos_challenge", "_acme-challenge", "_workos",
                    prefix.TrimStart('_'), "_" + prefix, prefix.Replace('-', '_'), prefix.Replace('_', '-') }
                .Where(t => t != prefix && t.Length > 0).Distinct();
            foreach (string typo in typos) probes.Add((typo + "." + c.Domain, found => FindingText.PrefixTypo(check, found)));

            string wildcardProbe = $"wildcard-probe-{Guid.NewGuid():N}".Substring(0, 24) + "." + c.Domain;
            var wildcardTask = _querier.AskAsync(server, wildcardProbe, QueryType.TXT, recursion, cancellationToken);
            var replies = await Task.WhenAll(probes.Select(p => _querier.AskAsync(server, p.Name, QueryType.TXT, recursion, cancellationToken))).ConfigureAwait(false);

            DnsReply wildcard = await wildcardTask.ConfigureAwait(false);
            var wildcardValues = wildcard.Txt.Select(strings => string.Concat(strings)).OrderBy(v => v, StringComparer.Ordinal).ToList();
            for (int i = 0; i < probes.Count; i++)
            {
                var values = replies[i].Txt.Select(strings => string.Concat(strings)).OrderBy(v => v, StringComparer.Ordinal).ToList();
                if (wildcardValues.Count > 0 && values.SequenceEqual(wildcardValues)) continue; // the wildcard answering, not a real record
                if (replies[i].Txt.Count > 0 && ValueMatcher.Match(c.Token, replies[i].Txt).Level <= MatchLevel.CaseMismatch)
                    check.Findings.Add(probes[i].Finding(probes[i].Name));
            }
            if (wildcardValues.Count > 0)
            {
                bool answersExpected = expected.Any(e => e.Report.Answers.Count > 0 && e.Reply.Txt.Select(strings => string.Concat(strings)).OrderBy(v => v, StringComparer.Ordinal).SequenceEqual(wildcardValues));
                check.Findings.Add(FindingText.Wildcard(check, wildcardValues, answersExpected));
            }
        }
    }

    /// <summary>One server's answer and what it means.</summary>
    internal sealed class ServerEval
    {
        internal ServerEval(DnsReply reply, DnsServerReport report)
        {
            Reply = reply;
            Report = report;
        }

        internal DnsReply Reply { get; }
        internal DnsServerReport Report { get; }
        internal string Outcome = "";
        internal MatchResult? Match;
        internal string? CnameTarget;
        /// <summary>The zone a referral from this server led to.</summary>
        internal ZoneInfo? Referral;
        /// <summary>Servers of another zone that a CNAME or referral led to.</summary>
        internal List<ServerEval> Followed = new List<ServerEval>();

        internal static ServerEval Unreachable(string host, string name, string why)
        {
            var reply = new DnsReply { Server = new IPEndPoint(IPAddress.None, 0), Name = name, Error = why };
            return new ServerEval(reply, new DnsServerReport { Server = "(no address)", Name = host, Role = "Authoritative", QueryName = name, Error = why, Outcome = FindingCodes.LameNameserver })
            {
                Outcome = FindingCodes.LameNameserver,
            };
        }
    }

    /// <summary>The state of one check while it runs.</summary>
    internal sealed class Check
    {
        internal Check(DnsChallenge challenge, DnsCheckOptions options)
        {
            Challenge = challenge;
            Options = options;
            RecordName = challenge.RecordName;
            RecordNameSource = challenge.RecordNameSource;
        }

        internal DnsChallenge Challenge { get; }
        internal DnsCheckOptions Options { get; }
        internal string RecordName;
        internal string RecordNameSource;
        internal string? ValueForm;
        internal ZoneInfo? Zone;
        internal List<DnsFinding> Findings = new List<DnsFinding>();
        internal List<DnsServerReport> Servers = new List<DnsServerReport>();

        internal string? ZoneName => Zone?.Error == null ? Zone?.Name : null;

        /// <summary>What goes in a provider's host field: the record name relative to the zone ("@" for the apex).</summary>
        internal string HostLabel => RelativeTo(RecordName, ZoneName ?? Challenge.Domain);

        internal static string RelativeTo(string name, string zone) =>
            name == zone ? "@" : name.EndsWith("." + zone, StringComparison.Ordinal) ? name.Substring(0, name.Length - zone.Length - 1) : name + ".";

        private static readonly HashSet<string> Diagnoses = new HashSet<string>
        {
            FindingCodes.ZoneAppendedTwice, FindingCodes.RecordAtApex, FindingCodes.PrefixTypo, FindingCodes.Wildcard,
            FindingCodes.NameserversDisagree, FindingCodes.CnameDangling,
        };

        internal DnsChallengeResult ToResult()
        {
            // Worst first; within a severity, a diagnosis (where the record really is) before the symptom.
            var findings = Findings.GroupBy(f => f.Code + "|" + f.Message).Select(g => g.First())
                .OrderByDescending(f => f.Severity).ThenBy(f => Diagnoses.Contains(f.Code) ? 0 : 1).ToList();
            return new DnsChallengeResult
            {
                Domain = Challenge.Domain,
                RecordName = RecordName,
                RecordNameSource = RecordNameSource,
                ExpectedValue = Challenge.Token,
                ValueForm = ValueForm,
                Findings = findings,
                Servers = Servers,
                Zone = ZoneName,
                Nameservers = Zone?.Servers.Select(s => s.Host).Distinct().ToList() ?? new List<string>(),
                Status = StatusOf(findings, Servers),
                CheckedAt = DateTimeOffset.UtcNow,
            };
        }

        private static ChallengeStatus StatusOf(List<DnsFinding> findings, List<DnsServerReport> servers)
        {
            if (findings.Any(f => f.Severity == FindingSeverity.Error)) return ChallengeStatus.Error;
            bool anyUsable = servers.Any(s => s.Outcome != FindingCodes.Timeout && s.Outcome != FindingCodes.LameNameserver && s.Outcome != FindingCodes.ServerFailure);
            if (!anyUsable) return ChallengeStatus.Error;
            if (findings.Any(f => f.Severity == FindingSeverity.Fail)) return ChallengeStatus.Fail;
            return findings.Any(f => f.Severity == FindingSeverity.Warning) ? ChallengeStatus.Warning : ChallengeStatus.Pass;
        }
    }
}
