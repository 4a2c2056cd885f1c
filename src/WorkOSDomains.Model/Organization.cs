using System;
using System.Collections.Generic;

namespace WorkOSDomains
{
    /// <summary>A WorkOS organization, with its domains embedded (there is no domain list endpoint).</summary>
    public sealed class Organization
    {
        public string Object { get; set; } = "organization";
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string? ExternalId { get; set; }
        public List<OrganizationDomain> Domains { get; set; } = new List<OrganizationDomain>();
        public Dictionary<string, string>? Metadata { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public override string ToString() => $"{Name} ({Id})";
    }
}
