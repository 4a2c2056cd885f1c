using System;
using System.Management.Automation;
using WorkOSDomains.Engine.Validation;
using WorkOSDomains.Engine.Webhooks;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>
    /// Verifies a webhook request and writes its event, typed like Get-WorkOSEvent's. A request
    /// that fails verification stops the command: nothing of it is ever written.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "WorkOSWebhook")]
    [OutputType(typeof(OrganizationDomainEvent), typeof(DomainVerificationFailedEvent), typeof(WorkOSEvent))]
    public sealed class ConvertFromWorkOSWebhookCommand : WebhookCmdlet
    {
        protected override void ProcessRecord()
        {
            try
            {
                WriteObject(WithSecret(secret => WebhookSignature.ReadEvent(Payload, SignatureHeader, secret, Tolerance, DateTimeOffset.UtcNow)));
            }
            catch (WebhookSignatureException e)
            {
                ThrowTerminatingError(ErrorFor(e, SignatureHeader));
            }
            catch (InvalidInputException e) when (e.Field == "Payload")
            {
                // Signed by WorkOS but not an event: this request's error; the next one may be fine.
                WriteError(ErrorFor(e, SignatureHeader));
            }
        }
    }
}
