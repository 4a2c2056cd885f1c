using System;

namespace WorkOSDomains.Engine.Api.Models
{
    /// <summary>
    /// A domain claimed by an organization. State and strategy are open sets kept as strings
    /// (pending, verified, failed, legacy_verified, unverified; dns, manual), and every optional
    /// field may be absent.
    /// </summary>
    public sealed class OrganizationDomain
    {
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
    }
}
