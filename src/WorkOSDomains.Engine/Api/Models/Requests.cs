using System.Collections.Generic;

namespace WorkOSDomains.Engine.Api.Models
{
    /// <summary>Filters for GET /organizations.</summary>
    public sealed class OrganizationQuery
    {
        public IList<string>? Domains { get; set; }
        public string? Search { get; set; }
        /// <summary>Page size, 1-100.</summary>
        public int Limit { get; set; } = 100;
        /// <summary>normal, desc or asc.</summary>
        public string? Order { get; set; }
        public string? Before { get; set; }
        public string? After { get; set; }
    }

    /// <summary>Body of POST /organizations.</summary>
    public sealed class CreateOrganizationRequest
    {
        public string Name { get; set; } = "";
        public string? ExternalId { get; set; }
        public List<DomainData>? DomainData { get; set; }
        public Dictionary<string, string>? Metadata { get; set; }
    }

    public sealed class DomainData
    {
        public string Domain { get; set; } = "";
        /// <summary>pending or verified.</summary>
        public string State { get; set; } = DomainStates.Pending;
    }

    /// <summary>Body of POST /portal/generate_link.</summary>
    public sealed class PortalLinkRequest
    {
        public string Organization { get; set; } = "";
        public string Intent { get; set; } = "";
        public string? ReturnUrl { get; set; }
        public string? SuccessUrl { get; set; }
        public List<string>? ItContactEmails { get; set; }
    }

    /// <summary>Filters for GET /events.</summary>
    public sealed class EventQuery
    {
        public IList<string> Events { get; set; } = new List<string>();
        public System.DateTimeOffset? RangeStart { get; set; }
        public System.DateTimeOffset? RangeEnd { get; set; }
        public string? OrganizationId { get; set; }
        public int Limit { get; set; } = 100;
        public string? After { get; set; }
        public string? Order { get; set; }
    }
}
