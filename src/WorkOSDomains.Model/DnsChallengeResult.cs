using System;
using System.Collections.Generic;
using System.Linq;

namespace WorkOSDomains
{
    /// <summary>How bad a finding is. Fail and Error decide the status; Warning does not stop a pass.</summary>
    public enum FindingSeverity
    {
        Info,
        Warning,
        Fail,
        Error,
    }

    /// <summary>The verdict for one domain.</summary>
    public enum ChallengeStatus
    {
        Pass,
        Warning,
        Fail,
        Error,
    }

    /// <summary>One thing the check found, with what to do about it. Codes are stable (docs/about/about_WorkOSDnsFindings.md).</summary>
    public sealed class DnsFinding
    {
        public DnsFinding(string code, FindingSeverity severity, string message, string fix, string evidence)
        {
            Code = code;
            Severity = severity;
            Message = message;
            Fix = fix;
            Evidence = evidence;
        }

        public string Code { get; }
        public FindingSeverity Severity { get; }
        public string Message { get; }
        /// <summary>What to type or change at the DNS provider; empty when nothing needs doing.</summary>
        public string Fix { get; }
        /// <summary>What was seen on the wire that shows it (servers, answers, TTLs).</summary>
        public string Evidence { get; }

        public override string ToString() => $"[{Severity}] {Code}: {Message}";
    }

    /// <summary>What one server answered for the record name.</summary>
    public sealed class DnsServerReport
    {
        /// <summary>Address and port queried, e.g. 192.0.2.53:53.</summary>
        public string Server { get; internal set; } = "";
        /// <summary>The name server's host name (authoritative), or the resolver as given.</summary>
        public string Name { get; internal set; } = "";
        /// <summary>Authoritative or Resolver.</summary>
        public string Role { get; internal set; } = "";
        public string QueryName { get; internal set; } = "";
        /// <summary>NoError, NXDomain, ServFail, Refused... or null when no answer came.</summary>
        public string? ResponseCode { get; internal set; }
        public bool Authoritative { get; internal set; }
        public bool Truncated { get; internal set; }
        /// <summary>Each TXT record as its character-strings joined with "" (escaped for display).</summary>
        public IReadOnlyList<string> Answers { get; internal set; } = Array.Empty<string>();
        /// <summary>Smallest TTL of the TXT answers, in seconds.</summary>
        public int? Ttl { get; internal set; }
        /// <summary>How long resolvers may cache "no such record": min(SOA TTL, SOA MINIMUM), in seconds.</summary>
        public int? NegativeTtl { get; internal set; }
        public long? SoaSerial { get; internal set; }
        public TimeSpan Elapsed { get; internal set; }
        /// <summary>Pass when this server's answer would verify; otherwise the finding code it showed.</summary>
        public string Outcome { get; internal set; } = "";
        public string? Error { get; internal set; }

        public override string ToString() => $"{Name} {Server} {ResponseCode ?? Error} {Outcome}";
    }

    /// <summary>The result of checking one domain's TXT challenge.</summary>
    public sealed class DnsChallengeResult
    {
        public string Domain { get; internal set; } = "";
        /// <summary>The domain's WorkOS id when the check was given one (a piped domain object): the result then pipes on to Invoke-WorkOSDomainVerification.</summary>
        public string? DomainId { get; internal set; }
        /// <summary>The name the record must have, without the trailing dot.</summary>
        public string RecordName { get; internal set; } = "";
        /// <summary>Why this name: from the WorkOS prefix, the _workos-challenge default, or the apex fallback.</summary>
        public string RecordNameSource { get; internal set; } = "";
        public string ExpectedValue { get; internal set; } = "";
        /// <summary>The value form found on a passing record: Token or Prefixed (verification_token=...).</summary>
        public string? ValueForm { get; internal set; }
        public ChallengeStatus Status { get; internal set; }
        public IReadOnlyList<DnsFinding> Findings { get; internal set; } = Array.Empty<DnsFinding>();
        public IReadOnlyList<DnsServerReport> Servers { get; internal set; } = Array.Empty<DnsServerReport>();
        public string? Zone { get; internal set; }
        public IReadOnlyList<string> Nameservers { get; internal set; } = Array.Empty<string>();
        public DateTimeOffset CheckedAt { get; internal set; }

        public bool Passed => Status == ChallengeStatus.Pass || Status == ChallengeStatus.Warning;

        public bool Has(string code) => Findings.Any(f => f.Code == code);

        public override string ToString() => $"{Domain} {Status} {RecordName}";
    }
}
