using System;
using System.Globalization;
using WorkOSDomains.Engine.Webhooks;

namespace WorkOSDomains.Errors
{
    /// <summary>Why a webhook request was refused, and what to do, in the webhook cmdlets' terms.</summary>
    internal static class SignatureText
    {
        internal static (string Problem, string Fix) Describe(WebhookCheck check)
        {
            const string rawBody = "Pass the request body exactly as received (in an Azure Automation runbook: $WebhookData.RequestBody); JSON converted with ConvertFrom-Json and back never verifies.";
            switch (check.Problem)
            {
                case WebhookProblem.MissingHeader:
                    return ("-SignatureHeader is empty: without a WorkOS-Signature header, nothing shows the request comes from WorkOS.",
                        "Pass the request's WorkOS-Signature header (in an Azure Automation runbook: $WebhookData.RequestHeader.'WorkOS-Signature').");
                case WebhookProblem.MalformedHeader:
                    return ("-SignatureHeader is not a WorkOS signature: it needs a timestamp and at least one signature, as in 't=1795512600000, v1=<64 hex digits>'.",
                        "Pass the value of the request's WorkOS-Signature header, unchanged.");
                case WebhookProblem.SignatureMismatch:
                    return ("No signature in -SignatureHeader matches -Payload signed with -Secret: the body was changed on its way, or -Secret is not this endpoint's secret.",
                        rawBody + " -Secret is the endpoint's signing secret from the WorkOS dashboard.");
                case WebhookProblem.TooOld:
                    return ($"The request was signed {Span(check.Age!.Value)} before it was checked ({check.SignedAt:u}), more than -Tolerance ({Span(check.Tolerance)}) allows: it may be a replay of an old request.",
                        "If jobs start late (a queued Azure Automation job), raise -Tolerance; otherwise ignore the request.");
                case WebhookProblem.TooNew:
                    return ($"The request says it was signed {Span(check.Age!.Value.Negate())} in the future ({check.SignedAt:u}), more than -Tolerance ({Span(check.Tolerance)}) allows.",
                        "Check this computer's clock.");
                default:
                    throw new ArgumentOutOfRangeException(nameof(check), check.Problem, "The check found no problem.");
            }
        }

        private static string Span(TimeSpan span) =>
            span.TotalSeconds < 600 ? string.Format(CultureInfo.InvariantCulture, "{0:0} seconds", span.TotalSeconds)
            : span.TotalHours < 48 ? string.Format(CultureInfo.InvariantCulture, "{0:0} minutes", span.TotalMinutes)
            : string.Format(CultureInfo.InvariantCulture, "{0:0} days", span.TotalDays);
    }
}
