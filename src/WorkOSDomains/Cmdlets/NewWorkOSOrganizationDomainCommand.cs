using System;
using System.Management.Automation;
using WorkOSDomains.Completion;
using WorkOSDomains.Engine.Validation;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>
    /// Claims domains for an organization. Each new domain carries the TXT record to publish.
    /// A create whose answer was lost is never repeated into a second domain.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "WorkOSOrganizationDomain", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(OrganizationDomain))]
    public sealed class NewWorkOSOrganizationDomainCommand : WorkOSApiCmdlet
    {
        /// <summary>The organization; organization objects bind by their Id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(OrganizationIdCompleter))]
        public string OrganizationId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public string[] Domain { get; set; } = Array.Empty<string>();

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        protected override int ItemThrottleLimit => ThrottleLimit;

        protected override string ProgressActivity => "Claiming domains";

        protected override void ProcessRecord()
        {
            foreach (string given in Domain)
            {
                if (!TryRead(given, () => (Organization: Input.Id(OrganizationId, "OrganizationId", "org_"), Domain: Input.DomainName(given)), out var claim)) continue;
                (string organizationId, string domain) = claim;
                if (!ShouldProcess($"{domain} for {organizationId}", "Claim domain")) continue;
                StartItem(given, async (outcome, token) =>
                {
                    OrganizationDomain created = await Client.CreateOrganizationDomainAsync(organizationId, domain, cancellationToken: token).ConfigureAwait(false);
                    outcome.Output.Add(created);
                    if (created.DnsRecordValue == null || string.IsNullOrEmpty(created.VerificationPrefix)) outcome.Warnings.Add(created.DnsRecordInstruction);
                });
            }
        }

        protected override void EndProcessing() => FinishItems();
    }
}
