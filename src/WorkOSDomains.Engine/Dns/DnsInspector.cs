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
        private readonly IReadOnlyList<IPEndPoint> _bootstrap;

        public DnsInspector(DnsCheckOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (!options.IncludeAuthoritative && options.Resolvers.Count == 0)
                throw new ArgumentException("Nothing to ask: give resolvers, or include the authoritative servers.", nameof(options));
            // One querier for every check this inspector runs (a whole pipeline): its cap on queries in flight holds for all of them.
            _querier = new DnsQuerier(options.QueryTimeout, options.MaxConcurrentQueries);
            _bootstrap = options.BootstrapResolvers.Count > 0
                ? options.BootstrapResolvers.ToList()
                : NameServer.ResolveNameServers(skipIPv6SiteLocal: true, fallbackToGooglePublicDns: false).Select(n => new IPEndPoint(IPAddress.Parse(n.Address), n.Port)).ToList();
        }

        /// <summary>
        /// The zone that holds a domain, found as a check finds it (resolvers are asked only for the
        /// SOA of the domain and its parents); null when it cannot be found, with why.
        /// </summary>
        public async Task<(string? Zone, string? Why)> FindZoneAsync(string domain, CancellationToken cancellationToken = default)
        {
            var queries = new CheckQueries(_querier, domain, _options.MaxQueries);
            ZoneInfo zone = await new ZoneFinder(queries, _bootstrap, _options.AuthoritativePort).FindNameAsync(domain, cancellationToken).ConfigureAwait(false);
            return zone.Error == null ? (zone.Name, null) : (null, zone.Error);
        }

        /// <exception cref="DnsCheckException">The check could not run to the end (its query budget ran out, or DNS could not be asked).</exception>
        public async Task<DnsChallengeResult> CheckAsync(DnsChallenge challenge, CancellationToken cancellationToken = default)
        {
            var queries = new CheckQueries(_querier, challenge.Domain, _options.MaxQueries);
            try
            {
                return await CheckAsync(challenge, queries, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DnsResponseException || e is ArgumentException && !(e is Validation.InvalidInputException) || e is System.Net.Sockets.SocketException)
            {
                throw new DnsCheckException(challenge.Domain, DnsCheckStop.Failed, $"The DNS check of {challenge.Domain} could not finish: {e.Message}", e);
            }
        }

        private async Task<DnsChallengeResult> CheckAsync(DnsChallenge challenge, CheckQueries queries, CancellationToken cancellationToken)
        {
            var check = new Check(challenge, _options);
            if (challenge.InputDomain.ToLowerInvariant().TrimEnd('.') != challenge.Domain) check.Findings.Add(FindingText.IdnConverted(challenge));

            List<ServerEval> authoritative = new List<ServerEval>();
            if (_options.IncludeAuthoritative)
            {
                // Find the zone from the domain, never from the record name: a resolver asked about a
                // record that does not exist yet would cache "no such name" for the negative TTL.
                // A zone cut below the domain shows up as a referral from its servers, and is followed.
                var zones = new ZoneFinder(queries, _bootstrap, _options.AuthoritativePort);
                ZoneInfo zone = await zones.FindAsync(challenge.Domain, cancellationToken).ConfigureAwait(false);
                if (zone.NoResolverAnswered)
                    throw new DnsCheckException(challenge.Domain, DnsCheckStop.NoResolver, $"The DNS check of {challenge.Domain} could not start: {zone.Error}, so its zone could not be looked up.");
                check.Zone = zone;
                if (zone.Error != null)
                {
                    check.Findings.Add(FindingText.ZoneNotFound(challenge, zone.Error));
                }
                else
                {
                    var walk = new DnsWalk(check, queries, zones, _options.MaxCnameHops);
                    NameInZone record = await walk.EvaluateAsync(check.RecordName, zone, cancellationToken).ConfigureAwait(false);
                    if (challenge.Prefix == null && !AllPass(record.Servers))
                    {
                        // No prefix from WorkOS: the current docs put the record at the apex.
                        NameInZone apex = await walk.EvaluateAsync(challenge.Domain, zone, cancellationToken).ConfigureAwait(false);
                        if (AllPass(apex.Servers))
                        {
                            check.RecordName = challenge.Domain;
                            check.RecordNameSource = $"the apex: nothing verifies at {challenge.RecordName}, the {DnsChallenge.DefaultPrefix} default";
                            check.Findings.Add(FindingText.FallbackName(check));
                            record = apex;
                        }
                    }
                    check.RecordZone = RecordZone(record);
                    authoritative = record.Servers.ToList();
                    List<NameInZone> walked = Reachable(record);
                    check.Servers.AddRange(Rows(walked));
                    Summarize(check, authoritative);
                    if (!AllPass(authoritative))
                        await ProbeAsync(check, queries, name => ServerFor(name, walked), recursion: false, authoritative, cancellationToken).ConfigureAwait(false);
                }
            }

            if (_options.Resolvers.Count > 0)
            {
                var resolvers = (await Task.WhenAll(_options.Resolvers.Select(r => queries.AskAsync(r, check.RecordName, QueryType.TXT, recursion: true, cancellationToken))).ConfigureAwait(false))
                    .Select(reply => ServerEval.ForResolver(reply, challenge.Token)).ToList();
                check.Servers.AddRange(resolvers.Select(r => r.Report));
                if (_options.IncludeAuthoritative)
                {
                    // The authoritative servers decide; resolvers show what caches still serve.
                    if (authoritative.Count > 0 && AllPass(authoritative))
                        foreach (ServerEval stale in resolvers.Where(r => r.Outcome != FindingCodes.Pass)) check.Findings.Add(FindingText.ResolverStale(check, stale));
                }
                else
                {
                    // Learn the zone through the same resolvers (the SOA of the domain), so that the fixes
                    // name it and the probes can look for the zone typed twice.
                    ZoneInfo zone = await new ZoneFinder(queries, _options.Resolvers.ToList(), _options.AuthoritativePort).FindNameAsync(challenge.Domain, cancellationToken).ConfigureAwait(false);
                    if (zone.Error == null) check.Zone = check.RecordZone = zone;
                    Summarize(check, resolvers);
                    IPEndPoint? responsive = resolvers.FirstOrDefault(r => r.Reply.Answered)?.Reply.Server;
                    if (!AllPass(resolvers) && responsive != null) await ProbeAsync(check, queries, _ => responsive, recursion: true, resolvers, cancellationToken).ConfigureAwait(false);
                }
            }
            return check.ToResult();
        }

        private static bool AllPass(IReadOnlyCollection<ServerEval> evals) => evals.Count > 0 && evals.All(e => e.Outcome == FindingCodes.Pass);

        /// <summary>The zone that holds the record name: where referrals for the name itself lead.</summary>
        private static ZoneInfo RecordZone(NameInZone node)
        {
            var seen = new HashSet<NameInZone>();
            while (seen.Add(node) && node.Servers.FirstOrDefault(s => s.Kind == EdgeKind.Referral && s.Next != null && !seen.Contains(s.Next))?.Next is { } below) node = below;
            return node.Zone;
        }

        /// <summary>
        /// The server to ask about a name the check did not walk: one that answered (with authority,
        /// or with a referral, which shows it serves the zone) for the deepest zone of the walk that
        /// holds the name. Null when the walk reached no such zone.
        /// </summary>
        private static IPEndPoint? ServerFor(string name, List<NameInZone> walked) =>
            walked.Where(n => ZoneFinder.IsWithin(name, n.Zone.Name)).OrderByDescending(n => n.Zone.Name.Length)
                .SelectMany(n => n.Servers).FirstOrDefault(e => e.Reply.Answered && (e.Reply.Authoritative || e.Reply.IsReferral))?.Reply.Server;

        /// <summary>The node and every node its answers lead to, in the order reached.</summary>
        private static List<NameInZone> Reachable(NameInZone start)
        {
            var found = new List<NameInZone> { start };
            for (int i = 0; i < found.Count; i++)
                foreach (ServerEval e in found[i].Servers)
                    if (e.Next != null && !found.Contains(e.Next)) found.Add(e.Next);
            return found;
        }

        /// <summary>One row per server and query name, at every depth of the walk.</summary>
        private static IEnumerable<DnsServerReport> Rows(IEnumerable<NameInZone> nodes) =>
            nodes.SelectMany(n => n.Servers).GroupBy(e => (e.Report.Server, e.Report.Name, e.Report.QueryName)).Select(g => g.First().Report);

        /// <summary>Turns per-server outcomes into findings: one per code, with every server as evidence.</summary>
        private void Summarize(Check check, List<ServerEval> evals)
        {
            // The answers the outcomes rest on: at the end of CNAMEs and referrals, each server once.
            var leaves = evals.SelectMany(e => e.Leaves).Distinct().ToList();
            foreach (ServerEval cname in evals.Where(e => e.CnameTarget != null && e.Outcome != FindingCodes.CnameDangling && e.Outcome != FindingCodes.CnameLoop).Take(1))
                check.Findings.Add(FindingText.CnameFollowed(check, cname.Reply.Cnames[0].Target, cname.Leaves[0].AnsweredName));
            foreach (ServerEval referred in evals.Where(e => e.Kind == EdgeKind.Referral && e.Leaves.Any(Usable)).Take(1))
                check.Findings.Add(FindingText.Delegated(check, referred.Next!.Zone));

            // One finding per outcome of the servers asked for the record name; its evidence is the
            // answers that outcome rests on.
            foreach (var group in evals.GroupBy(e => e.Outcome))
            {
                var under = group.SelectMany(e => e.Leaves).Distinct().ToList();
                List<ServerEval> servers = under.Any(l => l.Outcome == group.Key) ? under.Where(l => l.Outcome == group.Key).ToList() : under;
                check.Findings.Add(group.Key == FindingCodes.Pass
                    ? FindingText.Pass(check, group.Count(), evals.Count, servers)
                    : FindingText.ForOutcome(check, group.Key, servers, group.ToList()));
            }

            ServerEval? passing = leaves.FirstOrDefault(e => e.Outcome == FindingCodes.Pass && e.Match != null);
            if (passing?.Match is MatchResult match)
            {
                check.ValueForm = match.Form;
                if (match.SplitStrings) check.Findings.Add(FindingText.ValueSplitStrings(check, passing));
                // Beside the token, other TXT records are the apex's own (SPF...), not leftovers.
                if (match.RecordCount > 1 && check.RecordName != check.Challenge.Domain) check.Findings.Add(FindingText.MultipleRecordsWithToken(check, passing));
                if (match.Form == "Prefixed") check.Findings.Add(FindingText.ValuePrefixedForm(check));
            }

            var truncated = check.Servers.Where(s => s.Truncated).ToList();
            if (truncated.Count > 0) check.Findings.Add(FindingText.Truncated(truncated));

            // Servers disagree when what they serve differs, wherever the CNAMEs and referrals lead;
            // servers that all pass agree on what matters.
            var answered = leaves.Where(Usable).ToList();
            if (!AllPass(answered) && answered.Select(Signature).Distinct().Count() > 1) check.Findings.Add(FindingText.NameserversDisagree(check, answered));

            if (!AllPass(leaves))
            {
                int? negative = leaves.Where(e => e.Outcome == FindingCodes.RecordMissing || e.Outcome == FindingCodes.NoTxtAtName).Max(e => e.Report.NegativeTtl);
                int? positive = leaves.Where(e => e.Match != null && e.Outcome != FindingCodes.Pass).Max(e => e.Report.Ttl);
                if (negative > _options.HighTtl.TotalSeconds) check.Findings.Add(FindingText.HighNegativeTtl(check, negative.Value));
                else if (positive > _options.HighTtl.TotalSeconds) check.Findings.Add(FindingText.HighTtl(check, positive.Value));
            }
        }

        /// <summary>An answer that says something about the record (not a lame, failing, looping or silent server).</summary>
        private static bool Usable(ServerEval e) =>
            e.Reply.Answered && e.Outcome != FindingCodes.LameNameserver && e.Outcome != FindingCodes.ServerFailure && e.Outcome != FindingCodes.DelegationLoop;

        /// <summary>What a server serves: its outcome and its answers.</summary>
        private static string Signature(ServerEval e) =>
            e.Outcome + "|" + string.Join("|", e.Report.Answers.OrderBy(a => a, StringComparer.Ordinal));

        /// <summary>Looks where a misplaced record usually ends up, and for a wildcard beside the name whose answer was checked.</summary>
        /// <param name="serverFor">The server to ask about a name; null skips the name.</param>
        private async Task ProbeAsync(Check check, CheckQueries queries, Func<string, IPEndPoint?> serverFor, bool recursion, List<ServerEval> expected, CancellationToken cancellationToken)
        {
            DnsChallenge c = check.Challenge;
            string prefix = c.Prefix ?? DnsChallenge.DefaultPrefix;
            var probes = new List<(string Name, Func<string, DnsFinding> Finding)>();
            // The zone typed into the host field, and appended again by the provider: of the domain, of its zone, of the record's zone.
            foreach (string zone in new[] { c.Domain, check.ZoneName, check.RecordZoneName }.OfType<string>().Distinct())
                probes.Add((check.RecordName + "." + zone, found => FindingText.ZoneAppendedTwice(check, found, zone)));
            // A zone of its own at the record name: its host is '@', and the prefix typed as the host lands below it.
            if (check.RecordZoneName == check.RecordName && check.RecordName != c.Domain)
                probes.Add((prefix + "." + check.RecordName, found => FindingText.PrefixTypedAgain(check, found, check.RecordName)));
            if (check.RecordName != c.Domain) probes.Add((c.Domain, found => FindingText.RecordAtApex(check, found)));
            var typos = new[] { DnsChallenge.DefaultPrefix, "_workos_challenge", "workos-challenge", "workos_challenge", "_acme-challenge", "_workos",
                    prefix.TrimStart('_'), "_" + prefix, prefix.Replace('-', '_'), prefix.Replace('_', '-') }
                .Where(t => t != prefix && t.Length > 0).Distinct();
            foreach (string typo in typos) probes.Add((typo + "." + c.Domain, found => FindingText.PrefixTypo(check, found)));
            // A long domain makes some of these names longer than DNS allows: no record can be there.
            probes.RemoveAll(p => !DnsChallenge.IsValidName(p.Name) || serverFor(p.Name) == null);

            // A random name beside the one whose answer was checked: a TXT answer there comes from a wildcard.
            string answered = expected.SelectMany(e => e.Leaves).Select(e => e.AnsweredName).FirstOrDefault() ?? check.RecordName;
            string under = answered == c.Domain || answered.IndexOf('.') < 0 ? c.Domain : answered.Substring(answered.IndexOf('.') + 1);
            string wildcardProbe = $"wildcard-probe-{Guid.NewGuid():N}".Substring(0, 24) + "." + under;
            IPEndPoint? wildcardServer = DnsChallenge.IsValidName(wildcardProbe) ? serverFor(wildcardProbe) : null;
            var wildcardTask = wildcardServer != null ? queries.AskAsync(wildcardServer, wildcardProbe, QueryType.TXT, recursion, cancellationToken) : Task.FromResult(new DnsReply());
            var replies = await Task.WhenAll(probes.Select(p => queries.AskAsync(serverFor(p.Name)!, p.Name, QueryType.TXT, recursion, cancellationToken))).ConfigureAwait(false);

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
                bool answersExpected = expected.SelectMany(e => e.Leaves).Any(e => e.Report.Answers.Count > 0 && e.Reply.Txt.Select(strings => string.Concat(strings)).OrderBy(v => v, StringComparer.Ordinal).SequenceEqual(wildcardValues));
                check.Findings.Add(FindingText.Wildcard(check, wildcardValues, answersExpected, under, answered));
                // The value there is the wildcard's: a fix that edits "the record" would edit the wildcard.
                if (answersExpected) check.Findings = check.Findings.Select(f => FindingText.NotTheWildcard(check, f, answered)).ToList();
            }
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
        /// <summary>The domain's zone, as the check found it.</summary>
        internal ZoneInfo? Zone;
        /// <summary>The zone that holds the record name: the domain's, or one delegated below it.</summary>
        internal ZoneInfo? RecordZone;
        internal List<DnsFinding> Findings = new List<DnsFinding>();
        internal List<DnsServerReport> Servers = new List<DnsServerReport>();

        internal string? ZoneName => Zone?.Error == null ? Zone?.Name : null;

        /// <summary>The zone a fix may name for the record: only one the check found; null otherwise.</summary>
        internal string? RecordZoneName => RecordZone?.Error == null ? RecordZone?.Name : null;

        /// <summary>What goes in a provider's host field: the record name relative to its zone ("@" for the apex).</summary>
        internal string HostLabel => RecordZoneName == null ? RecordName : RelativeTo(RecordName, RecordZoneName);

        /// <summary>Where the record goes, for a fix: "host 'x' in zone z", or its full name when the zone is unknown.</summary>
        internal string RecordPlace => RecordZoneName == null ? $"named {RecordName} (the full name)" : $"at host '{HostLabel}' in zone {RecordZoneName}";

        internal static string RelativeTo(string name, string zone) =>
            name == zone ? "@" : name.EndsWith("." + zone, StringComparison.Ordinal) ? name.Substring(0, name.Length - zone.Length - 1) : name + ".";

        private static readonly HashSet<string> Diagnoses = new HashSet<string>
        {
            FindingCodes.ZoneAppendedTwice, FindingCodes.RecordAtApex, FindingCodes.PrefixTypo, FindingCodes.Wildcard,
            FindingCodes.NameserversDisagree, FindingCodes.CnameDangling, FindingCodes.CnameLoop, FindingCodes.DelegationLoop,
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
