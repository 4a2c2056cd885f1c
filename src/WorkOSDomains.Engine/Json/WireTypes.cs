using System.Collections.Generic;
using System.Text.Json;
using WorkOSDomains.Engine.Api.Models;

namespace WorkOSDomains.Engine.Json
{
    // Shapes that exist only on the wire; the public models above carry no JSON types.

    internal sealed class ListResponse<T>
    {
        public List<T> Data { get; set; } = new List<T>();
        public ListMetadata? ListMetadata { get; set; }
    }

    internal sealed class ListMetadata
    {
        public string? Before { get; set; }
        public string? After { get; set; }
    }

    internal sealed class CreateDomainBody
    {
        public string OrganizationId { get; set; } = "";
        public string Domain { get; set; } = "";
    }

    internal sealed class PortalLinkBody
    {
        public string Link { get; set; } = "";
    }

    internal sealed class EventWire
    {
        public string Id { get; set; } = "";
        public string Event { get; set; } = "";
        public System.DateTimeOffset CreatedAt { get; set; }
        public JsonElement Data { get; set; }

        /// <summary>The domain the data carries, read with the rest of the body (see Shapes.EventList); null for other events.</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public OrganizationDomain? Domain { get; set; }
    }
}
