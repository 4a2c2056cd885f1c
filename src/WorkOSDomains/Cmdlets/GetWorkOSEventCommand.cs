using System;
using System.Linq;
using System.Management.Automation;
using WorkOSDomains.Completion;
using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Api.Models;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>
    /// Gets WorkOS events, by default the five organization domain events, streamed page by page.
    /// Only the requested event types come out, even from a server that ignores the filter.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WorkOSEvent", SupportsPaging = true)]
    [OutputType(typeof(WorkOSEvent), typeof(OrganizationDomainEvent), typeof(DomainVerificationFailedEvent))]
    public sealed class GetWorkOSEventCommand : WorkOSApiCmdlet
    {
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(EventNameCompleter))]
        public string[] Event { get; set; } = DomainEventNames.All;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(OrganizationIdCompleter))]
        public string? OrganizationId { get; set; }

        /// <summary>Only events at or after this time.</summary>
        [Parameter]
        public DateTime? Since { get; set; }

        /// <summary>Only events at or before this time.</summary>
        [Parameter]
        public DateTime? Until { get; set; }

        protected override void ProcessRecord()
        {
            var query = new EventQuery
            {
                Events = Event.Select(e => e.Trim().ToLowerInvariant()).ToList(), // WorkOS event names are lower case
                OrganizationId = OrganizationId,
                RangeStart = Since?.ToUniversalTime(),
                RangeEnd = Until?.ToUniversalTime(),
            };
            Pager<WorkOSEvent> pager = Client.PageEvents(query);
            ulong skip = PagingParameters.Skip, left = PagingParameters.First;
            if (PagingParameters.IncludeTotalCount) WriteObject(PagingParameters.NewTotalCount(0, 0.0));
            try
            {
                do
                {
                    Page<WorkOSEvent> page = Run(token => pager.NextAsync(token));
                    foreach (WorkOSEvent item in page.Items)
                    {
                        if (skip > 0) { skip--; continue; }
                        if (left == 0) return;
                        WriteObject(item);
                        left--;
                    }
                }
                while (pager.HasMore && left > 0);
            }
            catch (Exception e) when (!(e is PipelineStoppedException || e is OperationCanceledException))
            {
                WriteError(ErrorFor(e, OrganizationId ?? (object)string.Join(",", Event)));
            }
        }
    }
}
