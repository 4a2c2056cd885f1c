using System;

namespace WorkOSDomains
{
    /// <summary>
    /// An event from the WorkOS events API. Domain events come as <see cref="OrganizationDomainEvent"/>
    /// (and <see cref="DomainVerificationFailedEvent"/>); the raw data stays available as JSON text
    /// for event types this version does not know.
    /// </summary>
    public class WorkOSEvent
    {
        public string Id { get; set; } = "";
        public string Event { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public string DataJson { get; set; } = "{}";

        public override string ToString() => $"{Event} {Id}";
    }

    /// <summary>organization_domain.created, .updated, .deleted or .verified: the domain as it was then.</summary>
    public class OrganizationDomainEvent : WorkOSEvent
    {
        public OrganizationDomain OrganizationDomain { get; set; } = new OrganizationDomain();
        public string OrganizationId => OrganizationDomain.OrganizationId;
        public string? State => OrganizationDomain.State;

        public override string ToString() => $"{Event} {OrganizationDomain.Domain}";
    }

    /// <summary>organization_domain.verification_failed: why, and the domain.</summary>
    public sealed class DomainVerificationFailedEvent : OrganizationDomainEvent
    {
        /// <summary>domain_verification_period_expired or domain_verified_by_other_organization (an open set).</summary>
        public string? Reason { get; set; }

        public override string ToString() => $"{Event} {OrganizationDomain.Domain} {Reason}".Trim();
    }

    /// <summary>The domain event types WorkOS sends.</summary>
    public static class DomainEventNames
    {
        public const string Created = "organization_domain.created";
        public const string Updated = "organization_domain.updated";
        public const string Deleted = "organization_domain.deleted";
        public const string Verified = "organization_domain.verified";
        public const string VerificationFailed = "organization_domain.verification_failed";

        public static readonly string[] All = { Created, Updated, Deleted, Verified, VerificationFailed };
    }
}
