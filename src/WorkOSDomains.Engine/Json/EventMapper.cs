using System.Text.Json;

namespace WorkOSDomains.Engine.Json
{
    /// <summary>Types events by what they carry: a domain object, or {reason, organization_domain} for failures.</summary>
    internal static class EventMapper
    {
        internal static WorkOSEvent ToEvent(EventWire wire)
        {
            JsonElement data = wire.Data;
            WorkOSEvent result = wire.Domain is OrganizationDomain domain
                ? wire.Event == DomainEventNames.VerificationFailed
                    ? new DomainVerificationFailedEvent { OrganizationDomain = domain, Reason = StringOf(data, "reason") }
                    : new OrganizationDomainEvent { OrganizationDomain = domain }
                : new WorkOSEvent();
            result.Id = wire.Id;
            result.Event = wire.Event;
            result.CreatedAt = wire.CreatedAt;
            if (data.ValueKind == JsonValueKind.Object) result.DataJson = data.GetRawText();
            return result;
        }

        /// <summary>The domain an event's data carries: the data itself, or its 'organization_domain'. Throws JsonException when it cannot be read.</summary>
        internal static OrganizationDomain? DomainOf(JsonElement data)
        {
            if (data.ValueKind != JsonValueKind.Object) return null;
            if (data.TryGetProperty("organization_domain", out JsonElement nested) && nested.ValueKind == JsonValueKind.Object)
                return nested.Deserialize(WorkOSJsonContext.Default.OrganizationDomain);
            return StringOf(data, "object") == "organization_domain" ? data.Deserialize(WorkOSJsonContext.Default.OrganizationDomain) : null;
        }

        private static string? StringOf(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
