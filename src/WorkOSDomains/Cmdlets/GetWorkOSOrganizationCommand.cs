using System;
using System.Management.Automation;
using WorkOSDomains.Completion;
using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Api.Models;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>
    /// Gets organizations by id or external id, or lists them (filtered by domain or name),
    /// streaming one page at a time. Organization objects from the pipeline are read again by id.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WorkOSOrganization", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(Organization))]
    public sealed class GetWorkOSOrganizationCommand : WorkOSApiCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "ById";
        private const string ExternalIdSet = "ByExternalId";
        private const string InputObjectSet = "ByInputObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("OrganizationId")]
        [ArgumentCompleter(typeof(OrganizationIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true, ParameterSetName = ExternalIdSet, ValueFromPipelineByPropertyName = true)]
        public string[] ExternalId { get; set; } = Array.Empty<string>();

        /// <summary>Organizations to read again, as objects (so Get-WorkOSOrganization | Get-WorkOSOrganization refreshes them).</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public Organization[] InputObject { get; set; } = Array.Empty<Organization>();

        /// <summary>Only organizations that have any of these domains.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public string[]? Domain { get; set; }

        /// <summary>Only organizations whose name contains this text.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public string? Search { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 100)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case IdSet:
                    foreach (string id in Id) Get(id, token => Client.GetOrganizationAsync(id, token));
                    break;
                case InputObjectSet:
                    foreach (Organization organization in InputObject) Get(organization, token => Client.GetOrganizationAsync(organization.Id, token));
                    break;
                case ExternalIdSet:
                    foreach (string id in ExternalId) Get(id, token => Client.GetOrganizationByExternalIdAsync(id, token));
                    break;
                default:
                    WriteList();
                    break;
            }
        }

        protected override void EndProcessing() => FinishItems();

        private void Get(object target, Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<Organization>> get) =>
            StartItem(target, async (outcome, token) => outcome.Output.Add(await get(token).ConfigureAwait(false)));

        private void WriteList()
        {
            var query = new OrganizationQuery { Domains = Domain, Search = Search, Limit = PageSize };
            Pager<Organization> pager = Client.PageOrganizations(query);
            ulong skip = PagingParameters.Skip, left = PagingParameters.First;
            // WorkOS lists carry no total; accuracy 0 tells PowerShell it is unknown.
            if (PagingParameters.IncludeTotalCount) WriteObject(PagingParameters.NewTotalCount(0, 0.0));
            try
            {
                do
                {
                    Page<Organization> page = Run(token => pager.NextAsync(token));
                    foreach (Organization organization in page.Items)
                    {
                        if (skip > 0) { skip--; continue; }
                        if (left == 0) return;
                        WriteObject(organization);
                        left--;
                    }
                }
                while (pager.HasMore && left > 0);
            }
            catch (Exception e) when (!(e is PipelineStoppedException || e is OperationCanceledException))
            {
                ThrowTerminatingError(ErrorFor(e, query));
            }
        }
    }
}
