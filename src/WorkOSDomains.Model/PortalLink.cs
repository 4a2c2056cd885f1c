using System;

namespace WorkOSDomains
{
    /// <summary>An Admin Portal link. Valid for five minutes from creation; never cache one.</summary>
    public sealed class PortalLink
    {
        public string Link { get; set; } = "";
        public string OrganizationId { get; set; } = "";
        public string Intent { get; set; } = "";
        public DateTimeOffset ExpiresAt { get; set; }

        public bool IsExpired => DateTimeOffset.UtcNow >= ExpiresAt;

        public override string ToString() => Link;
    }

    /// <summary>Admin Portal intents known today; the API may add more.</summary>
    public static class PortalIntents
    {
        public const string DomainVerification = "domain_verification";

        public static readonly string[] Known = { "sso", "dsync", "audit_logs", "log_streams", DomainVerification, "certificate_renewal", "bring_your_own_key" };
    }
}
