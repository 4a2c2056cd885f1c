using System.Text.Json.Serialization;
using WorkOSDomains.Engine.Api.Models;

namespace WorkOSDomains.Engine.Json
{
    /// <summary>
    /// Source-generated serializers (no reflection, fast start). snake_case on the wire;
    /// unknown members are ignored and absent ones keep their defaults.
    /// </summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(Organization))]
    [JsonSerializable(typeof(OrganizationDomain))]
    [JsonSerializable(typeof(ListResponse<Organization>))]
    [JsonSerializable(typeof(ListResponse<EventWire>))]
    [JsonSerializable(typeof(EventWire))]
    [JsonSerializable(typeof(CreateOrganizationRequest))]
    [JsonSerializable(typeof(CreateDomainBody))]
    [JsonSerializable(typeof(PortalLinkRequest))]
    [JsonSerializable(typeof(PortalLinkBody))]
    internal sealed partial class WorkOSJsonContext : JsonSerializerContext
    {
    }
}
