namespace WorkOSDomains.Emulator;

// The stored resources, serialized as the API returns them (snake_case).

public sealed class OrganizationRecord
{
    public string Object { get; set; } = "organization";
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? ExternalId { get; set; }
    public Dictionary<string, string> Metadata { get; set; } = new();
    public List<DomainRecord> Domains { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class DomainRecord
{
    public string Object { get; set; } = "organization_domain";
    public required string Id { get; set; }
    public required string OrganizationId { get; set; }
    public required string Domain { get; set; }
    public string State { get; set; } = "pending";
    public string VerificationStrategy { get; set; } = "dns";
    public string? VerificationToken { get; set; }
    public string? VerificationPrefix { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    internal int FailedChecks;

    internal DomainRecord Copy() => (DomainRecord)MemberwiseClone();
}

public sealed class EventRecord
{
    public string Object { get; set; } = "event";
    public required string Id { get; set; }
    public required string Event { get; set; }
    public required object Data { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    internal string? OrganizationId;
}

/// <summary>What the seed file holds: organizations with domains in the create-call shape.</summary>
public sealed class SeedFile
{
    public List<SeedOrganization> Organizations { get; set; } = [];
}

public sealed class SeedOrganization
{
    public string? Id { get; set; }
    public required string Name { get; set; }
    public string? ExternalId { get; set; }
    public List<SeedDomain> DomainData { get; set; } = [];
}

public sealed class SeedDomain
{
    public required string Domain { get; set; }
    public string State { get; set; } = "pending";
    public string? VerificationToken { get; set; }
}
