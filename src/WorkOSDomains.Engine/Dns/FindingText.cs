using System;
using System.Collections.Generic;
using System.Linq;

namespace WorkOSDomains.Engine.Dns
{
    /// <summary>
    /// The words of every finding: what was seen, and what to type at the DNS provider. Kept in
    /// one place so the messages stay consistent and match docs/about/about_WorkOSDnsFindings.md.
    /// </summary>
    internal static class FindingText
    {
        private static DnsFinding F(string code, FindingSeverity severity, string message, string fix, string evidence) =>
            new DnsFinding(code, severity, message, fix, evidence);

        private static string Create(Check c) => c.RecordZoneName == null
            ? $"Create a TXT record named {c.RecordName} (the full name) with value {c.Challenge.Token}. In a provider's host field, enter that name without the zone's own name at its end."
            : $"Create a TXT record in zone {c.RecordZoneName}: host '{c.HostLabel}', value {c.Challenge.Token}. Enter only '{c.HostLabel}' in the host field; the provider appends the zone.";

        /// <summary>Where a record for these answers goes: the record name, or the end of the CNAME chain it holds.</summary>
        private static string Place(Check c, List<ServerEval> s) =>
            s[0].AnsweredName == c.RecordName ? c.RecordPlace : ThroughCname(c, s[0].AnsweredName);

        /// <summary>" at X, where the CNAME at R leads," for a value edited at the end of a chain; "" for the record itself.</summary>
        private static string Where(Check c, List<ServerEval> s) =>
            s[0].AnsweredName == c.RecordName ? "" : " " + ThroughCname(c, s[0].AnsweredName);

        private static string ThroughCname(Check c, string answered) => $"at {answered}, where the CNAME at {c.RecordName} leads,";

        /// <summary>The fix that creates the record at a name: the record name itself, or the end of its CNAME chain.</summary>
        private static string CreateAt(Check c, string name) =>
            name == c.RecordName ? Create(c) : $"Create a TXT record named {name} (where the CNAME at {c.RecordName} leads) with value {c.Challenge.Token}.";

        private static string Evidence(IEnumerable<ServerEval> servers) => Evidence(servers.Select(e => e.Report));

        private static string Evidence(IEnumerable<DnsServerReport> servers) => string.Join("; ", servers.Select(Describe));

        private static string Describe(DnsServerReport r)
        {
            string what = r.Error ?? r.ResponseCode + (r.Authoritative || r.Role != "Authoritative" ? "" : " without AA");
            if (r.Answers.Count > 0) what += $", TXT {string.Join(" | ", r.Answers.Select(a => "\"" + a + "\""))} (TTL {r.Ttl} s)";
            else if (r.NegativeTtl != null) what += $", negative TTL {r.NegativeTtl} s";
            if (r.SoaSerial != null) what += $", serial {r.SoaSerial}";
            return $"{r.Name} ({r.Server}) {r.QueryName}: {what}";
        }

        private static string Closest(IEnumerable<ServerEval> servers) =>
            servers.Select(s => s.Match?.Closest).FirstOrDefault(v => v != null) ?? "";

        private static string Hosts(IEnumerable<ServerEval> s) => string.Join(", ", s.Select(x => x.Report.Name).Distinct());

        internal static DnsFinding Pass(Check c, int passing, int total, List<ServerEval> leaves) =>
            F(FindingCodes.Pass, FindingSeverity.Info,
                $"{passing} of {total} {(leaves[0].Report.Role == "Resolver" ? "resolvers" : "authoritative servers")} serve the token at {c.RecordName}.",
                "", Evidence(leaves));

        /// <param name="s">The answers the outcome rests on (at the end of CNAMEs and referrals).</param>
        /// <param name="roots">The servers asked for the record name that have this outcome.</param>
        internal static DnsFinding ForOutcome(Check c, string code, List<ServerEval> s, List<ServerEval> roots)
        {
            string name = c.RecordName, token = c.Challenge.Token, evidence = Evidence(s), closest = Closest(s), place = Place(c, s), where = Where(c, s);
            string at = s[0].AnsweredName; // the record name, or the end of the CNAME chain it holds
            switch (code)
            {
                case FindingCodes.RecordMissing:
                    return F(code, FindingSeverity.Fail, $"No record exists at {name}: the server says the name does not exist (NXDOMAIN).", Create(c), evidence);
                case FindingCodes.NoTxtAtName:
                    List<string>? types = s.Select(x => x.OtherTypes).FirstOrDefault(t => t != null);
                    return F(code, FindingSeverity.Fail,
                        types == null ? $"{at} exists but has no TXT record (NODATA)."
                        : types.Count == 0 ? $"{at} exists only as the parent of other names (an empty non-terminal): it holds no record itself, so no TXT record."
                        : $"{at} exists but has no TXT record (NODATA: it holds other record types only: {string.Join(", ", types)}).",
                        $"Add a TXT record {place} with value {token}.", evidence);
                case FindingCodes.NegativeWithoutSoa:
                    return F(code, FindingSeverity.Fail, $"The server denied {at} without an SOA record in its answer; strict resolvers turn such answers into SERVFAIL.",
                        $"Create the TXT record {place} with value {token}. If the answer stays like this, ask the DNS provider to fix its negative answers (RFC 2308 requires the SOA).", evidence);
                case FindingCodes.ValueQuoted:
                    return F(code, FindingSeverity.Fail, $"The TXT value at {at} contains literal quote characters: {closest}",
                        $"Edit the record{where} and enter the value without quotes: {token}. Some providers (Route 53, Cloudflare) store quotes typed into the value box.", evidence);
                case FindingCodes.ValueWhitespace:
                    return F(code, FindingSeverity.Fail, $"The TXT value at {at} has spaces around the token: '{closest}'.",
                        $"Edit the record{where} and remove the spaces before and after the value: {token}.", evidence);
                case FindingCodes.ValueSplitRecords:
                    return F(code, FindingSeverity.Fail, $"The token is split across {s[0].Reply.Txt.Count} separate TXT records at {at}; each record is compared on its own, so none matches.",
                        $"Delete those records and create one TXT record {place} whose value is the whole token {token}. (One record made of several strings is fine.)", evidence);
                case FindingCodes.ValuePrefixMismatch:
                    return F(code, FindingSeverity.Fail, $"The TXT value at {at} has '{s.Select(x => x.Match?.FoundPrefix).FirstOrDefault(p => p != null)}' in front of the token.",
                        $"Set the value{where} to exactly {token} (or {ValueMatcher.PrefixedForm}{token}), with nothing else in front.", evidence);
                case FindingCodes.ValueCaseMismatch:
                    return F(code, FindingSeverity.Fail, $"The TXT value at {at} differs from the token only in upper and lower case: {closest}. Tokens are case-sensitive.",
                        $"Copy the token{where} exactly, keeping its case: {token}.", evidence);
                case FindingCodes.WrongValue when at == c.Challenge.Domain:
                case FindingCodes.MultipleRecords when at == c.Challenge.Domain:
                    // The apex holds TXT records of its own (SPF, other services' verifications): add, never replace.
                    return F(code, FindingSeverity.Fail, $"No TXT record at the apex {at} holds the token; it holds {string.Join(" | ", s[0].Report.Answers)}.",
                        $"Add a TXT record {place} with value {token}. Leave the TXT records already there (SPF, other verifications) as they are: a name can hold many.", evidence);
                case FindingCodes.WrongValue:
                    return F(code, FindingSeverity.Fail, $"The TXT record at {at} holds '{closest}', not the token.",
                        $"Replace the value{where} with {token}. If this is an older token, WorkOS issued a new one when verification restarted.", evidence);
                case FindingCodes.MultipleRecords:
                    return F(code, FindingSeverity.Fail, $"{s[0].Reply.Txt.Count} TXT records at {at}, and none holds the token: {string.Join(" | ", s[0].Report.Answers)}.",
                        $"Remove the stale records {place} and add one with value {token}.", evidence);
                case FindingCodes.CnameDangling:
                {
                    string first = FirstTarget(roots);
                    string missing = at; // where the chain ends: a leaf's own name, or the target its server denied
                    return F(code, FindingSeverity.Fail,
                        missing == first ? $"{name} is a CNAME to {first}, which does not exist."
                        : $"{name} is a CNAME to {first}, and the chain of CNAMEs ends at {missing}, which does not exist.",
                        $"Create the TXT record at {missing} with value {token}, where the alias leads; or delete the CNAME {c.RecordPlace} (a name with a CNAME can hold no other record) and create the TXT record there.", evidence);
                }
                case FindingCodes.CnameLoop:
                {
                    string first = FirstTarget(roots);
                    string? back = s.Select(x => x.LoopsBackTo).FirstOrDefault(t => t != null);
                    return F(code, FindingSeverity.Fail,
                        back != null
                            ? $"{name} is a CNAME to {first}, and the chain of CNAMEs loops back to {back}: it never reaches a TXT record."
                            : $"{name} is a CNAME to {first}, and the chain of CNAMEs goes on for more than {c.Options.MaxCnameHops} hops without reaching a TXT record; resolvers give up on chains that long.",
                        $"Delete the CNAME {c.RecordPlace} (a name with a CNAME can hold no other record) and create the TXT record there with value {token}"
                            + (back != null ? "." : ", or point the CNAME straight at the name that holds the record."), evidence);
                }
                case FindingCodes.DelegationLoop:
                    ZoneInfo looped = s[0].Node.Zone;
                    string? loopsTo = s.Select(x => x.LoopsBackTo).FirstOrDefault(t => t != null);
                    return F(code, FindingSeverity.Fail,
                        loopsTo != null
                            ? $"The delegation of {looped.Name} loops back to {loopsTo}: its name servers {Hosts(s)} refer the name on instead of answering for it."
                            : $"The delegations below {looped.Name} go on for more than {c.Options.MaxCnameHops} levels: its name servers {Hosts(s)} refer the name on and on.",
                        NsFix(c, looped, s, all: true), evidence);
                case FindingCodes.LameNameserver:
                    ZoneInfo zone = s[0].Node.Zone;
                    var why = new List<string>();
                    var addressless = s.Where(x => x.HasNoAddress).ToList();
                    if (addressless.Count > 0)
                        why.Add(addressless.Select(x => x.Report.Name).Distinct().Count() > 1
                            ? $"{Hosts(addressless)} have no address (A or AAAA record), so they cannot answer for {zone.Name}"
                            : $"{Hosts(addressless)} has no address (A or AAAA record), so it cannot answer for {zone.Name}");
                    var answering = s.Where(x => !x.HasNoAddress).ToList();
                    bool many = answering.Select(x => x.Report.Name).Distinct().Count() > 1;
                    if (answering.Count > 0)
                        why.Add($"{Hosts(answering)} {(many ? "are listed as name servers" : "is listed as a name server")} of {zone.Name} but "
                            + (answering.Select(x => x.ReferralTo).FirstOrDefault(t => t != null) is { } referral
                                ? $"{(many ? "answer" : "answers")} with a referral to {referral} instead of answering for it"
                                : $"{(many ? "do" : "does")} not answer for it with authority ({string.Join(", ", answering.Select(x => x.Report.ResponseCode == "NOERROR" ? "NOERROR without AA" : x.Report.ResponseCode).Distinct())})"));
                    bool allLame = zone.Servers.Count == s.Count && s.All(x => x.Outcome == FindingCodes.LameNameserver);
                    return F(code, FindingSeverity.Fail, string.Join("; ", why) + ".", NsFix(c, zone, s, allLame), evidence);
                case FindingCodes.ServerFailure:
                    return F(code, FindingSeverity.Fail, $"{Hosts(s)} failed to answer for {name} ({s[0].Report.ResponseCode}).",
                        "The server cannot serve the zone: check the zone at your DNS provider. If only validating resolvers fail, check DNSSEC: a DS record left at the registrar after changing providers breaks every lookup.", evidence);
                case FindingCodes.Timeout:
                    ZoneInfo silent = s[0].Node.Zone;
                    bool noneAnswered = silent.Servers.Count > 0 && silent.Servers.Count == s.Count(x => x.Node.Zone == silent);
                    return F(code, FindingSeverity.Fail, $"{string.Join(", ", s.Select(x => $"{x.Report.Name} ({x.Report.Server})").Distinct())} did not answer ({s[0].Report.Error}).",
                        noneAnswered
                            ? $"Check that the servers are up and reachable on UDP and TCP port 53. If {silent.Name} moved to another DNS provider: {NsFix(c, silent, s, all: true)}"
                            : "Check the server is up and reachable on UDP and TCP port 53; if it was retired, remove it from the zone's NS records.", evidence);
                default:
                    return F(code, FindingSeverity.Fail, $"{name}: {code}.", Create(c), evidence);
            }
        }

        private static string FirstTarget(List<ServerEval> roots) =>
            roots.Select(r => r.Reply.Cnames.Count > 0 ? r.Reply.Cnames[0].Target : null).FirstOrDefault(t => t != null) ?? "?";

        /// <summary>
        /// The fix for name servers listed for a zone that do not serve it. A zone delegated below
        /// the domain (the challenge name made a zone by mistake) loses that delegation; a zone at or
        /// above the domain keeps it, with the right servers, where its parent lists them: at host
        /// 'x' in a parent zone the check asked, else at the registrar. Never the NS records of a
        /// healthy parent.
        /// </summary>
        private static string NsFix(Check c, ZoneInfo zone, List<ServerEval> s, bool all)
        {
            bool belowDomain = zone.Name != c.Challenge.Domain && ZoneFinder.IsWithin(zone.Name, c.Challenge.Domain);
            if (zone.DelegatedBy is { } listedIn && listedIn != zone.Name && !belowDomain && listedIn.Contains("."))
            {
                string label = Check.RelativeTo(zone.Name, listedIn);
                return $"Fix the NS records of {zone.Name} at host '{label}' in zone {listedIn} (or at the registrar, if {listedIn} is not a zone of yours) so they list only servers that host {zone.Name}; WorkOS may ask any of them.";
            }
            if (zone.DelegatedBy is { } parent && parent != zone.Name && belowDomain)
            {
                string host = Check.RelativeTo(zone.Name, parent);
                if (!all) return $"Remove {Hosts(s)} from the NS records at host '{host}' in zone {parent}, so that they list only servers that host {zone.Name}.";
                string then = ZoneFinder.IsWithin(c.RecordName, zone.Name)
                    ? $" Then create the TXT record at host '{Check.RelativeTo(c.RecordName, parent)}' in zone {parent} with value {c.Challenge.Token}."
                    : "";
                return $"Remove the NS records at host '{host}' in zone {parent}: they delegate {zone.Name} to servers that do not host it.{then}";
            }
            return $"Fix the NS records of {zone.Name} at the registrar (and at the DNS provider) so they list only servers that host the zone; WorkOS may ask any of them.";
        }

        /// <summary>A value finding whose value comes from a wildcard: the fix creates the record instead of editing the wildcard.</summary>
        internal static DnsFinding NotTheWildcard(Check c, DnsFinding f, string answered)
        {
            switch (f.Code)
            {
                case FindingCodes.WrongValue:
                case FindingCodes.MultipleRecords:
                case FindingCodes.ValueQuoted:
                case FindingCodes.ValueWhitespace:
                case FindingCodes.ValuePrefixMismatch:
                case FindingCodes.ValueCaseMismatch:
                case FindingCodes.ValueSplitRecords:
                    return F(f.Code, f.Severity, f.Message + " That value comes from the wildcard record.",
                        CreateAt(c, answered) + " A record at the exact name overrides the wildcard; leave the wildcard as it is.", f.Evidence);
                default:
                    return f;
            }
        }

        internal static DnsFinding ValueSplitStrings(Check c, ServerEval e) =>
            F(FindingCodes.ValueSplitStrings, FindingSeverity.Warning,
                $"The record at {c.RecordName} stores the token as several character-strings; joined they match, which is how WorkOS reads them.",
                "Nothing to fix. Some tools show the parts separately; that is expected for long values.", Describe(e.Report));

        internal static DnsFinding MultipleRecordsWithToken(Check c, ServerEval e) =>
            F(FindingCodes.MultipleRecords, FindingSeverity.Warning,
                $"{e.Reply.Txt.Count} TXT records at {c.RecordName}; one holds the token, the others are left over: {string.Join(" | ", e.Report.Answers.Where(a => a != e.Match?.Closest))}.",
                $"Remove the other TXT records {c.RecordPlace} once the domain is verified, so an old token cannot confuse a later check.", Describe(e.Report));

        internal static DnsFinding ValuePrefixedForm(Check c) =>
            F(FindingCodes.ValuePrefixedForm, FindingSeverity.Info,
                $"The record uses the '{ValueMatcher.PrefixedForm}<token>' form, which WorkOS documentation also shows.",
                "", c.RecordName);

        internal static DnsFinding ZoneAppendedTwice(Check c, string found, string zone) =>
            F(FindingCodes.ZoneAppendedTwice, FindingSeverity.Fail,
                $"The token is at {found}: the zone name was typed into the host field and the provider appended it again.",
                // A record name delegated to a zone of its own is served only there, whichever zone the doubled record sits in.
                c.RecordZoneName is { } recordZone && recordZone != zone && ZoneFinder.IsWithin(recordZone, zone)
                    ? $"Create the record in zone {recordZone} at host '{c.HostLabel}' ({c.RecordName} is delegated to that zone), then delete the record at {found}."
                    : $"Enter only '{Check.RelativeTo(c.RecordName, zone)}' in the host field; your provider appends '{zone}'. Then delete the record at {found}.", found);

        internal static DnsFinding RecordAtApex(Check c, string found) =>
            F(FindingCodes.RecordAtApex, FindingSeverity.Fail,
                $"The token is at the bare domain {found}, not at {c.RecordName}.",
                c.RecordZoneName is { } zone
                    ? $"Create the TXT record at host '{c.HostLabel}' instead of '{Check.RelativeTo(found, zone)}' (zone {zone})."
                    : $"Create the TXT record named {c.RecordName} instead of at {found}.", found);

        internal static DnsFinding PrefixTypo(Check c, string found) =>
            F(FindingCodes.PrefixTypo, FindingSeverity.Fail,
                $"The token is at {found} instead of {c.RecordName}: the host name is misspelled.",
                c.RecordZoneName is { } zone
                    ? $"Rename the record's host from '{Check.RelativeTo(found, zone)}' to '{c.HostLabel}' (check dashes and underscores)."
                    : $"Rename the record {found} to {c.RecordName} (check dashes and underscores).", found);

        /// <summary>The prefix entered as the host in a zone that is itself named for the record (its host is '@').</summary>
        internal static DnsFinding PrefixTypedAgain(Check c, string found, string zone) =>
            F(FindingCodes.PrefixTypo, FindingSeverity.Fail,
                $"The token is at {found} instead of {c.RecordName}: the zone {zone} is already named for the record, and the prefix was entered again as its host.",
                $"Move the record to host '@' in zone {zone} (the zone's own name), then delete the record at host '{Check.RelativeTo(found, zone)}'.", found);

        internal static DnsFinding FallbackName(Check c) =>
            F(FindingCodes.FallbackName, FindingSeverity.Info,
                $"No prefix was given and nothing verifies at {c.Challenge.RecordName}; the token is at the apex {c.RecordName}, where current WorkOS documentation puts it.",
                "Check again with the domain's verification prefix from WorkOS, to check the exact name WorkOS expects.", c.RecordName);

        /// <param name="under">The name the wildcard covers names under (*.under).</param>
        /// <param name="answered">The name whose answer was checked: the record name, or the end of its CNAME chain.</param>
        internal static DnsFinding Wildcard(Check c, List<string> values, bool answersExpected, string under, string answered) =>
            F(FindingCodes.Wildcard, answersExpected ? FindingSeverity.Fail : FindingSeverity.Warning,
                answersExpected
                    ? $"The answer at {answered} comes from a wildcard record (*.{under}), not from a record created for WorkOS: {string.Join(" | ", values)}."
                    : $"A wildcard TXT record (*.{under}) answers for names that do not exist: {string.Join(" | ", values)}.",
                CreateAt(c, answered) + " A record at the exact name overrides the wildcard; leave the wildcard as it is.",
                $"a random name under {under} returned TXT {string.Join(" | ", values)}");

        /// <param name="first">The CNAME's target.</param>
        /// <param name="final">Where the chain of CNAMEs ends: the name whose TXT record was checked.</param>
        internal static DnsFinding CnameFollowed(Check c, string first, string final) =>
            F(FindingCodes.CnameFollowed, FindingSeverity.Info,
                first == final
                    ? $"{c.RecordName} is a CNAME to {first}; the TXT record there was checked, as resolvers follow the alias."
                    : $"{c.RecordName} is a CNAME to {first}, and the chain of CNAMEs ends at {final}; the TXT record there was checked, as resolvers follow the aliases.",
                $"If the record does not verify, fix it at {final}, where the alias leads.", $"{c.RecordName} CNAME {first}" + (first == final ? "" : $" ... {final}"));

        internal static DnsFinding Delegated(Check c, ZoneInfo zone) =>
            F(FindingCodes.Delegated, FindingSeverity.Info,
                $"{c.RecordName} lives in the delegated zone {zone.Name}, served by {string.Join(", ", zone.Servers.Select(s => s.Host).Distinct())}.",
                $"Create the record in zone {zone.Name}, at the provider that hosts it, not in the parent zone.",
                $"referral to {zone.Name}: {string.Join(", ", zone.Servers.Select(s => $"{s.Host} {s.EndPoint}"))}");

        internal static DnsFinding NameserversDisagree(Check c, List<ServerEval> answered)
        {
            var serials = answered.Where(e => e.Report.SoaSerial != null).Select(e => $"{e.Report.Name} {e.Report.SoaSerial}").Distinct().ToList();
            bool somePass = answered.Any(e => e.Outcome == FindingCodes.Pass);
            return F(FindingCodes.NameserversDisagree, somePass ? FindingSeverity.Fail : FindingSeverity.Warning,
                $"The authoritative servers give different answers for {c.RecordName}: {string.Join("; ", answered.GroupBy(e => e.Outcome).Select(g => $"{string.Join(", ", g.Select(e => e.Report.Name).Distinct())}: {g.Key}"))}."
                    + (serials.Count > 0 ? $" SOA serials: {string.Join(", ", serials)}." : ""),
                "Wait for the change to reach every server (their SOA serials should match) and check again; if one server stays behind, check zone transfers at your DNS provider.",
                Evidence(answered));
        }

        internal static DnsFinding Truncated(IEnumerable<DnsServerReport> truncated) =>
            F(FindingCodes.Truncated, FindingSeverity.Warning,
                "An answer was too large for UDP and was truncated; it was fetched again over TCP. Resolvers that cannot use TCP will not see the record.",
                "Remove stale TXT records at the name so the answer fits in one UDP packet, and make sure TCP port 53 is open to the name servers.",
                Evidence(truncated));

        internal static DnsFinding HighNegativeTtl(Check c, int seconds) =>
            F(FindingCodes.HighTtl, FindingSeverity.Warning,
                $"The zone's negative TTL is {seconds} s: a resolver that asked before the record existed keeps answering 'no such record' for up to {Duration(seconds)}.",
                $"Nothing to change now; expect verification to succeed up to {Duration(seconds)} after the record is right. Lower the SOA minimum TTL to shorten this next time.",
                $"min(SOA TTL, SOA MINIMUM) = {seconds} s");

        internal static DnsFinding HighTtl(Check c, int seconds) =>
            F(FindingCodes.HighTtl, FindingSeverity.Warning,
                $"The wrong record at {c.RecordName} has a TTL of {seconds} s: after you correct it, resolvers may serve the old value for up to {Duration(seconds)}.",
                $"Correct the value now and expect verification up to {Duration(seconds)} later; use a TTL of 300 s for the record.",
                $"TTL {seconds} s");

        internal static DnsFinding IdnConverted(DnsChallenge challenge) =>
            F(FindingCodes.IdnConverted, FindingSeverity.Info,
                $"'{challenge.InputDomain}' is an internationalized name; in DNS it is {challenge.Domain}.",
                $"Create the record under {challenge.RecordName} if your DNS provider does not convert names itself.",
                $"{challenge.InputDomain} = {challenge.Domain}");

        internal static DnsFinding ZoneNotFound(DnsChallenge challenge, string why) =>
            F(FindingCodes.ZoneNotFound, FindingSeverity.Error,
                $"The DNS zone of {challenge.RecordName} could not be found: {why}.",
                $"Check that {challenge.Domain} is registered and delegated (name servers set at the registrar), and that the resolvers this check asks see the public DNS (not an internal view).",
                why);

        internal static DnsFinding ResolverStale(Check c, ServerEval resolver) =>
            F(FindingCodes.ResolverStale, FindingSeverity.Warning,
                $"Every authoritative server has the record, but resolver {resolver.Report.Server} still answers {resolver.Outcome}, probably from its cache.",
                $"Nothing to fix; the cached answer expires within {Duration(resolver.Report.Ttl ?? resolver.Report.NegativeTtl ?? 300)}.",
                Describe(resolver.Report));

        internal static string Duration(int seconds) =>
            seconds < 120 ? $"{seconds} s" : seconds < 7200 ? $"{seconds / 60} min" : $"{seconds / 3600.0:0.#} h";
    }
}
