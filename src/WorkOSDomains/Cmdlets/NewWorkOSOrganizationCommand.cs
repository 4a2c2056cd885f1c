using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WorkOSDomains.Engine.Api.Models;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>
    /// Creates an organization, optionally with domains. With -ExternalId a create whose answer
    /// was lost finds the organization it made instead of making a second one.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "WorkOSOrganization", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Organization))]
    public sealed class NewWorkOSOrganizationCommand : WorkOSApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public string Name { get; set; } = "";

        /// <summary>Domains to claim with the organization.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? Domain { get; set; }

        /// <summary>pending (the default: verify by DNS) or verified (you vouch for them).</summary>
        [Parameter]
        [ValidateSet(DomainStates.Pending, DomainStates.Verified)]
        public string DomainState { get; set; } = DomainStates.Pending;

        /// <summary>Your own id for the organization (from a CRM, say): unique, and the key that makes a retried create safe.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ExternalId { get; set; }

        [Parameter]
        public Hashtable? Metadata { get; set; }

        protected override void ProcessRecord()
        {
            var request = new CreateOrganizationRequest
            {
                Name = Name,
                ExternalId = ExternalId,
                DomainData = Domain?.Select(d => new DomainData { Domain = d, State = DomainState }).ToList(),
                Metadata = Metadata?.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString() ?? "", e => e.Value?.ToString() ?? ""),
            };
            string what = Domain == null || Domain.Length == 0 ? Name : $"{Name} with {string.Join(", ", Domain)}";
            if (!ShouldProcess(what, "Create WorkOS organization")) return;
            StartItem(Name, async (outcome, token) => outcome.Output.Add(await Client.CreateOrganizationAsync(request, cancellationToken: token).ConfigureAwait(false)));
        }

        protected override void EndProcessing() => FinishItems();
    }
}
