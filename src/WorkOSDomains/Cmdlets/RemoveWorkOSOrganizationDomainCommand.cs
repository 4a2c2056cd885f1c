using System;
using System.Management.Automation;
using WorkOSDomains.Engine.Validation;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>Releases domains from their organizations. Asks first: a verified domain is lost with it.</summary>
    [Cmdlet(VerbsCommon.Remove, "WorkOSOrganizationDomain", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveWorkOSOrganizationDomainCommand : WorkOSApiCmdlet
    {
        /// <summary>Domain ids (org_domain_...); domain objects bind by their Id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DomainId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>The domain name, when piped with a domain object: shown in the confirmation.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? Domain { get; set; }

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        protected override int ItemThrottleLimit => ThrottleLimit;

        protected override string ParameterFor(string field) => field == "DomainId" ? nameof(Id) : field;

        protected override void ProcessRecord()
        {
            foreach (string given in Id)
            {
                if (!TryRead(given, () => Input.Id(given, "DomainId", "org_domain_"), out string id)) continue;
                string shown = Domain == null ? id : $"{Domain} ({id})";
                if (!ShouldProcess(shown, "Remove WorkOS organization domain")) continue;
                StartItem(given, async (outcome, token) =>
                {
                    await Client.DeleteOrganizationDomainAsync(id, token).ConfigureAwait(false);
                    outcome.Verbose.Add($"Removed {shown}.");
                });
            }
        }

        protected override void EndProcessing() => FinishItems();
    }
}
