using System;

namespace WorkOSDomains
{
    /// <summary>
    /// A domain claimed by an organization, with the TXT record that proves it. State and strategy
    /// are open sets kept as strings (pending, verified, failed, legacy_verified, unverified; dns,
    /// manual), and every optional field may be absent: WorkOS has been seen to omit the token and
    /// the prefix, and then the record properties say so instead of guessing.
    /// </summary>
    public sealed class OrganizationDomain
    {
        /// <summary>The record name used when WorkOS sends no prefix (the older documentation's form).</summary>
        public const string DefaultVerificationPrefix = "_workos-challenge";

        /// <summary>The TTL to give the record: short, so a correction reaches WorkOS quickly.</summary>
        public const int RecommendedTtl = 300;

        public string Object { get; set; } = "organization_domain";
        public string Id { get; set; } = "";
        public string OrganizationId { get; set; } = "";
        public string Domain { get; set; } = "";
        public string? State { get; set; }
        public string? VerificationStrategy { get; set; }
        public string? VerificationToken { get; set; }
        public string? VerificationPrefix { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public bool IsVerified => State == DomainStates.Verified || State == DomainStates.LegacyVerified;

        /// <summary>
        /// The name of the TXT record to publish: {prefix}.{domain}, or the default prefix when WorkOS
        /// sent none; null when WorkOS sent no token, since there is then no record to publish.
        /// </summary>
        public string? DnsRecordName => DnsRecordValue == null ? null : (string.IsNullOrEmpty(VerificationPrefix) ? DefaultVerificationPrefix : VerificationPrefix) + "." + Domain;

        public string DnsRecordType => "TXT";

        /// <summary>The value to publish: the verification token; null when WorkOS did not send one.</summary>
        public string? DnsRecordValue => string.IsNullOrEmpty(VerificationToken) ? null : VerificationToken;

        public int DnsRecordTtl => RecommendedTtl;

        /// <summary>One line that says what to publish, or what is missing and where to get it.</summary>
        public string DnsRecordInstruction
        {
            get
            {
                if (IsVerified) return $"{Domain} is verified; nothing to publish.";
                if (DnsRecordValue == null)
                    return $"WorkOS returned no verification token for {Domain}, so the record cannot be shown. Get the token from the WorkOS dashboard (the organization's Domains page), or send the customer's IT contact a link: New-WorkOSPortalLink -OrganizationId {OrganizationId} -Intent domain_verification. Check DNS with Test-WorkOSDnsChallenge -Token <token>.";
                string record = $"a TXT record {DnsRecordName} with the value {DnsRecordValue} (TTL {DnsRecordTtl})";
                return string.IsNullOrEmpty(VerificationPrefix)
                    ? $"WorkOS returned no verification prefix for {Domain}: publish {record}, the documented default name (Test-WorkOSDnsChallenge also looks at the apex {Domain}), or confirm the name in the WorkOS dashboard."
                    : $"At the DNS provider of {Domain}, publish {record}.";
            }
        }

        public override string ToString() => $"{Domain} ({State ?? "unknown"})";
    }

    /// <summary>The domain states known today; others may appear and are kept as they come.</summary>
    public static class DomainStates
    {
        public const string Pending = "pending";
        public const string Verified = "verified";
        public const string Failed = "failed";
        public const string LegacyVerified = "legacy_verified";
        public const string Unverified = "unverified";

        public static readonly string[] Known = { Pending, Verified, Failed, LegacyVerified, Unverified };
    }
}
