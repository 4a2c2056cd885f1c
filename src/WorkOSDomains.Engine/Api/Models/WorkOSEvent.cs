using System;

namespace WorkOSDomains.Engine.Api.Models
{
    /// <summary>
    /// An event from GET /events. Domain events are unpacked: <see cref="OrganizationDomain"/> is
    /// the domain the event is about, <see cref="Reason"/> why verification failed. The raw data
    /// stays available as JSON text for event types this version does not know.
    /// </summary>
    public sealed class WorkOSEvent
    {
        public string Id { get; set; } = "";
        public string Event { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public OrganizationDomain? OrganizationDomain { get; set; }
        public string? Reason { get; set; }
        public string DataJson { get; set; } = "{}";

        public override string ToString() => $"{Event} {OrganizationDomain?.Domain} {Reason}".Trim();
    }
}
