using System;
using System.Linq;

namespace WorkOSDomains.Engine.Verification
{
    /// <summary>The pre-check found the record not served by every authoritative server, so no verification was started.</summary>
    public sealed class DnsNotReadyException : Exception
    {
        public DnsNotReadyException(OrganizationDomain domain, DnsChallengeResult check)
            : base($"The TXT record of {domain.Domain} is not served by every authoritative name server yet ({check.Status}: {string.Join(", ", check.Findings.Where(f => f.Severity >= FindingSeverity.Fail).Select(f => f.Code))}); verification was not started.")
        {
            Domain = domain;
            DnsCheck = check;
        }

        public OrganizationDomain Domain { get; }
        public DnsChallengeResult DnsCheck { get; }
    }

    /// <summary>WorkOS marked the domain failed, or it was still not verified when the wait ran out.</summary>
    public sealed class VerificationFailedException : Exception
    {
        public VerificationFailedException(OrganizationDomain before, OrganizationDomain domain, DnsChallengeResult? check, TimeSpan? waited)
            : base(waited is TimeSpan w
                ? $"{domain.Domain} was still {domain.State ?? "not verified"} after {w.TotalSeconds:0} s of waiting."
                : $"WorkOS marked {domain.Domain} as {domain.State}: it could not find the TXT record.")
        {
            Domain = domain;
            DnsCheck = check;
            TimedOut = waited != null;
            RecordChanged = domain.VerificationToken != before.VerificationToken || domain.VerificationPrefix != before.VerificationPrefix;
        }

        /// <summary>The domain as WorkOS last showed it.</summary>
        public OrganizationDomain Domain { get; }
        /// <summary>What DNS showed at the end; null when the domain has no token to check.</summary>
        public DnsChallengeResult? DnsCheck { get; }
        public bool TimedOut { get; }
        /// <summary>WorkOS issued another token or prefix on the way: the record to publish changed.</summary>
        public bool RecordChanged { get; }
    }
}
