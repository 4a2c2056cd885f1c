using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WorkOSDomains.Completion;
using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Api.Models;
using WorkOSDomains.Engine.Validation;
using WorkOSDomains.Errors;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>
    /// Gets organization domains: by id, by organization (WorkOS lists an organization's domains
    /// inside the organization: there is no domain list endpoint), by domain name across
    /// organizations, or all of them. Domain and organization objects from the pipeline are read again.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WorkOSDomain", DefaultParameterSetName = AllSet)]
    [OutputType(typeof(OrganizationDomain))]
    public sealed class GetWorkOSDomainCommand : WorkOSApiCmdlet
    {
        private const string AllSet = "All";
        private const string IdSet = "ById";
        private const string OrganizationIdSet = "ByOrganizationId";
        private const string OrganizationSet = "ByOrganization";
        private const string DomainSet = "ByDomain";
        private const string InputObjectSet = "ByInputObject";

        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("DomainId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true, ParameterSetName = OrganizationIdSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(OrganizationIdCompleter))]
        public string[] OrganizationId { get; set; } = Array.Empty<string>();

        /// <summary>Domain names to find, in whichever organization claims them.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = DomainSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public string[] Domain { get; set; } = Array.Empty<string>();

        /// <summary>Organization objects whose domains to get.</summary>
        [Parameter(Mandatory = true, ParameterSetName = OrganizationSet, ValueFromPipeline = true)]
        public Organization[] Organization { get; set; } = Array.Empty<Organization>();

        /// <summary>Domain objects to read again.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public OrganizationDomain[] InputObject { get; set; } = Array.Empty<OrganizationDomain>();

        /// <summary>Only domains in these states (pending, verified, failed, legacy_verified, unverified).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(DomainStateCompleter))]
        public string[]? State { get; set; }

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        protected override int ItemThrottleLimit => ThrottleLimit;

        protected override string ParameterFor(string field) => field == "DomainId" ? nameof(Id) : field;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // States are an open set, but a typo should not pass for "no such domains".
            foreach (string state in State ?? Array.Empty<string>())
                if (!DomainStates.Known.Contains(state, StringComparer.OrdinalIgnoreCase))
                    WriteWarning($"'{state}' is not a domain state WorkOS is known to use ({string.Join(", ", DomainStates.Known)}); only domains in exactly that state come out.");
        }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case IdSet:
                    foreach (string id in Id) StartItem(id, (outcome, token) => ReadDomainAsync(id, outcome, token));
                    break;
                case InputObjectSet:
                    foreach (OrganizationDomain domain in InputObject) StartItem(domain, (outcome, token) => ReadDomainAsync(domain.Id, outcome, token));
                    break;
                case OrganizationIdSet:
                    foreach (string id in OrganizationId) StartItem(id, (outcome, token) => ReadOrganizationAsync(id, outcome, token));
                    break;
                case OrganizationSet:
                    foreach (Organization organization in Organization) StartItem(organization, (outcome, token) => ReadOrganizationAsync(organization.Id, outcome, token));
                    break;
                case DomainSet:
                    foreach (string given in Domain)
                    {
                        // Ids piped as strings (Get-Content ids.txt) bind here too: an id is read as an id.
                        string trimmed = given.Trim();
                        if (trimmed.StartsWith("org_domain_", StringComparison.Ordinal)) StartItem(given, (outcome, token) => ReadDomainAsync(trimmed, outcome, token));
                        else if (trimmed.StartsWith("org_", StringComparison.Ordinal)) StartItem(given, (outcome, token) => ReadOrganizationAsync(trimmed, outcome, token));
                        else if (TryRead(given, () => Input.DomainName(given), out string name)) StartItem(given, (outcome, token) => FindAsync(name, outcome, token));
                    }
                    break;
            }
        }

        protected override void EndProcessing()
        {
            // Every domain only when asked for none in particular: an empty pipeline (an organization
            // search that found nothing) must not become "all of them" for the command after it.
            if (ParameterSetName == AllSet && !MyInvocation.ExpectingInput) WriteAll();
            FinishItems();
        }

        private async Task ReadDomainAsync(string id, ItemOutcome outcome, CancellationToken token) =>
            Add(outcome, new[] { await Client.GetOrganizationDomainAsync(id, token).ConfigureAwait(false) });

        private async Task ReadOrganizationAsync(string id, ItemOutcome outcome, CancellationToken token) =>
            Add(outcome, (await Client.GetOrganizationAsync(id, token).ConfigureAwait(false)).Domains);

        private async Task FindAsync(string name, ItemOutcome outcome, CancellationToken token)
        {
            var found = new List<OrganizationDomain>();
            Pager<Organization> pager = Client.PageOrganizations(new OrganizationQuery { Domains = new[] { name } });
            while (pager.HasMore)
            {
                Page<Organization> page = await pager.NextAsync(token).ConfigureAwait(false);
                found.AddRange(page.Items.SelectMany(o => o.Domains).Where(d => string.Equals(d.Domain, name, StringComparison.OrdinalIgnoreCase)));
            }
            if (found.Count == 0)
                throw new NotFoundException($"No organization that this key can see claims {name}.", "Claim it with New-WorkOSOrganizationDomain, or check that the key belongs to the right environment.");
            Add(outcome, found);
        }

        /// <summary>Every domain of every organization, a page of organizations at a time.</summary>
        private void WriteAll()
        {
            var query = new OrganizationQuery();
            Pager<Organization> pager = Client.PageOrganizations(query);
            try
            {
                while (pager.HasMore)
                {
                    Page<Organization> page = Run(token => pager.NextAsync(token));
                    foreach (OrganizationDomain domain in page.Items.SelectMany(o => o.Domains).Where(Wanted)) WriteObject(domain);
                }
            }
            catch (Exception e) when (!(e is PipelineStoppedException || e is OperationCanceledException))
            {
                ThrowTerminatingError(ErrorFor(e, query));
            }
        }

        private void Add(ItemOutcome outcome, IEnumerable<OrganizationDomain> domains) => outcome.Output.AddRange(domains.Where(Wanted));

        private bool Wanted(OrganizationDomain domain) =>
            State == null || State.Length == 0 || State.Any(s => string.Equals(s, domain.State, StringComparison.OrdinalIgnoreCase));
    }
}
