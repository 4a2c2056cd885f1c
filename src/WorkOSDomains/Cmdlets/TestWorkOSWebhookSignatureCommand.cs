using System;
using System.Management.Automation;
using WorkOSDomains.Engine.Webhooks;
using WorkOSDomains.Errors;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>Whether a webhook request really comes from WorkOS: $true or $false, the reason as a verbose message.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "WorkOSWebhookSignature")]
    [OutputType(typeof(bool))]
    public sealed class TestWorkOSWebhookSignatureCommand : WebhookCmdlet
    {
        protected override void ProcessRecord()
        {
            WebhookCheck check = WithSecret(secret => WebhookSignature.Check(Payload, SignatureHeader, secret, Tolerance, DateTimeOffset.UtcNow));
            if (!check.IsValid)
            {
                (string problem, string fix) = SignatureText.Describe(check);
                WriteVerbose(problem + " " + fix);
            }
            WriteObject(check.IsValid);
        }
    }
}
