using System.Text.Json;
using WorkOSDomains.Engine.Api.Models;

namespace WorkOSDomains.Engine.Json
{
    /// <summary>Unpacks event data: a domain object, or {reason, organization_domain} for failures.</summary>
    internal static class EventMapper
    {
        internal static WorkOSEvent ToEvent(EventWire wire)
        {
            var result = new WorkOSEvent { Id = wire.Id, Event = wire.Event, CreatedAt = wire.CreatedAt };
            JsonElement data = wire.Data;
            if (data.ValueKind != JsonValueKind.Object) return result;
            result.DataJson = data.GetRawText();

            if (data.TryGetProperty("reason", out JsonElement reason) && reason.ValueKind == JsonValueKind.String)
                result.Reason = reason.GetString();
            if (data.TryGetProperty("organization_domain", out JsonElement nested) && nested.ValueKind == JsonValueKind.Object)
                result.OrganizationDomain = nested.Deserialize(WorkOSJsonContext.Default.OrganizationDomain);
            else if (data.TryGetProperty("object", out JsonElement kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == "organization_domain")
                result.OrganizationDomain = data.Deserialize(WorkOSJsonContext.Default.OrganizationDomain);
            return result;
        }
    }
}
