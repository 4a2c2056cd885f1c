using System;
using System.Linq;
using System.Management.Automation;
using WorkOSDomains.Completion;
using WorkOSDomains.Engine.Api.Models;
using WorkOSDomains.Engine.Validation;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>
    /// Generates an Admin Portal link for the customer's IT contact, by default to verify their
    /// domains themselves. A link works for five minutes: generate it when it is sent, never store it.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "WorkOSPortalLink", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(PortalLink))]
    public sealed class NewWorkOSPortalLinkCommand : WorkOSApiCmdlet
    {
        /// <summary>The organization; organization and domain objects bind by their organization id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(OrganizationIdCompleter))]
        public string OrganizationId { get; set; } = "";

        /// <summary>What the portal opens to; domain_verification by default. Unknown intents are passed on as given.</summary>
        [Parameter(Position = 1)]
        [ArgumentCompleter(typeof(PortalIntentCompleter))]
        public string Intent { get; set; } = PortalIntents.DomainVerification;

        [Parameter]
        public string? ReturnUrl { get; set; }

        [Parameter]
        public string? SuccessUrl { get; set; }

        /// <summary>E-mail addresses of the customer's IT contacts.</summary>
        [Parameter]
        public string[]? ItContactEmail { get; set; }

        protected override void ProcessRecord()
        {
            var request = new PortalLinkRequest
            {
                Organization = OrganizationId,
                Intent = Intent.Trim(),
                ReturnUrl = ReturnUrl,
                SuccessUrl = SuccessUrl,
                ItContactEmails = ItContactEmail?.ToList(),
            };
            if (!TryRead(OrganizationId, () => Input.Id(OrganizationId, "OrganizationId", "org_"), out string id)) return;
            if (!ShouldProcess(id, $"Generate an Admin Portal link ({request.Intent})")) return;
            StartItem(OrganizationId, async (outcome, token) =>
            {
                PortalLink link = await Client.GeneratePortalLinkAsync(request, token).ConfigureAwait(false);
                if (!PortalIntents.Known.Contains(link.Intent)) outcome.Verbose.Add($"'{link.Intent}' is not an intent this version knows; WorkOS accepted it.");
                outcome.Warnings.Add($"The link for {link.OrganizationId} works until {link.ExpiresAt.ToLocalTime():HH:mm:ss} (5 minutes). Send it now and do not store it; generate a new one when it is needed again.");
                outcome.Output.Add(link);
            });
        }

        protected override void EndProcessing() => FinishItems();
    }
}
