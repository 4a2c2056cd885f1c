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

    /// <summary>How a verification ended without the domain verified.</summary>
    public enum VerificationEnd
    {
        /// <summary>WorkOS marked the domain failed.</summary>
        Failed,
        /// <summary>The wait ran out while the domain was still pending.</summary>
        TimedOut,
        /// <summary>WorkOS issued a new record when verification started, so the published one cannot verify it: nothing to wait for.</summary>
        NewRecord,
    }

    /// <summary>WorkOS marked the domain failed, it was still not verified when the wait ran out, or waiting was pointless.</summary>
    public sealed class VerificationFailedException : Exception
    {
        public VerificationFailedException(OrganizationDomain before, OrganizationDomain domain, DnsChallengeResult? check, VerificationEnd end, TimeSpan waited = default)
            : base(end == VerificationEnd.TimedOut ? $"{domain.Domain} was still {domain.State ?? "not verified"} after {waited.TotalSeconds:0} s of waiting."
                : end == VerificationEnd.NewRecord ? $"WorkOS issued a new verification record for {domain.Domain} when verification started: the published record cannot verify it, so there is nothing to wait for."
                : $"WorkOS marked {domain.Domain} as {domain.State}: it could not find the TXT record.")
        {
            Domain = domain;
            DnsCheck = check;
            End = end;
            RecordChanged = domain.VerificationToken != before.VerificationToken || domain.VerificationPrefix != before.VerificationPrefix;
        }

        /// <summary>The domain as WorkOS last showed it.</summary>
        public OrganizationDomain Domain { get; }
        /// <summary>What DNS showed at the end; null when it was not checked (no token, or the check was skipped).</summary>
        public DnsChallengeResult? DnsCheck { get; }
        public VerificationEnd End { get; }
        public bool TimedOut => End == VerificationEnd.TimedOut;
        /// <summary>WorkOS issued another token or prefix on the way: the record to publish changed.</summary>
        public bool RecordChanged { get; }
    }
}
