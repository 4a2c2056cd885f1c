using System;
using System.Linq;
using System.Management.Automation;
using System.Text;
using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Dns;
using WorkOSDomains.Engine.Validation;
using WorkOSDomains.Engine.Verification;
using WorkOSDomains.Engine.Webhooks;

namespace WorkOSDomains.Errors
{
    /// <summary>
    /// Turns the engine's typed errors into error records: an id from <see cref="ErrorIds"/>, a
    /// fitting category, the input item as target, and a message in the user's terms (parameter
    /// and cmdlet names, what to run next). The engine's own text stays in the exception.
    /// </summary>
    internal static class ErrorRecords
    {
        internal static ErrorRecord For(Exception e, object? target, Func<string, string> parameterOf)
        {
            switch (e)
            {
                case InvalidInputException input:
                    return Record(e, ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, target,
                        InvalidInputException.Describe("-" + parameterOf(input.Field), input.Value, input.Problem, input.Fix), null);
                case WorkOSApiException api:
                    return ForApi(api, target);
                case DnsNotReadyException notReady:
                    return Record(e, ErrorIds.DnsNotReady, ErrorCategory.ResourceUnavailable, target,
                        $"{notReady.Domain.Domain}: verification was not started, because the TXT record is not served by every authoritative name server." + Diagnosis(notReady.DnsCheck),
                        "Publish the record as the fixes say and run the command again (Test-WorkOSDnsChallenge -Wait waits for it), or add -Force to start verification anyway.");
                case VerificationFailedException failed:
                    return Record(e, failed.TimedOut ? ErrorIds.VerificationTimedOut : ErrorIds.VerificationFailed,
                        failed.TimedOut ? ErrorCategory.OperationTimeout : ErrorCategory.InvalidResult, target,
                        e.Message + (failed.RecordChanged ? $" WorkOS issued a new verification record: {failed.Domain.DnsRecordInstruction}" : "")
                            + (failed.DnsCheck != null ? Diagnosis(failed.DnsCheck)
                                : string.IsNullOrEmpty(failed.Domain.VerificationToken) ? " The domain has no verification token, so DNS could not be checked."
                                : " DNS was not checked (-SkipDnsCheck); Test-WorkOSDnsChallenge shows what the name servers serve."),
                        failed.End == VerificationEnd.TimedOut ? "WorkOS keeps checking on its own; run the command again later, or with a longer -Timeout."
                        : failed.End == VerificationEnd.NewRecord ? "Publish the new record, then run Invoke-WorkOSDomainVerification again (Test-WorkOSDnsChallenge -Wait waits until it is served)."
                        : "Fix the record as the findings say, then run Invoke-WorkOSDomainVerification again: a failed domain starts over, possibly with a new token.");
                case WebhookSignatureException signature:
                    (string problem, string fix) = SignatureText.Describe(signature.Check);
                    // The exception carries the words too: runbooks often log only $_.Exception.Message.
                    return Record(new System.Security.SecurityException(problem + " " + fix, e), ErrorIds.SignatureInvalid, ErrorCategory.SecurityError, target, problem + " " + fix, fix);
                case DnsCheckException budget when budget.Stop == DnsCheckStop.QueryBudget:
                    return Record(e, ErrorIds.DnsCheckFailed, ErrorCategory.LimitsExceeded, target, e.Message + " " + BudgetAdvice, BudgetAdvice);
                case DnsCheckException silent when silent.Stop == DnsCheckStop.NoResolver:
                    return Record(e, ErrorIds.DnsCheckFailed, ErrorCategory.ConnectionError, target, e.Message + " " + NoResolverAdvice, NoResolverAdvice);
                case DnsCheckException _:
                    return Record(e, ErrorIds.DnsCheckFailed, ErrorCategory.ResourceUnavailable, target, null,
                        "Run the check again; if it fails the same way, please report it to the WorkOSDomains project with the domain.");
                case NotFoundException notFound:
                    return Record(e, ErrorIds.NotFound, ErrorCategory.ObjectNotFound, target, e.Message + " " + notFound.Advice, notFound.Advice);
                case ArgumentException arg:
                    return Record(e, ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, target, null, null);
                default:
                    return Record(e, ErrorIds.Unexpected, ErrorCategory.NotSpecified, target, null, "Please report this failure to the WorkOSDomains project with the command that caused it.");
            }
        }

        private const string NoResolverAdvice = "This says nothing about the record: check that this computer can reach its DNS resolver, or name one with -BootstrapServer. Invoke-WorkOSDomainVerification -SkipDnsCheck starts verification without the check.";

        private const string BudgetAdvice = "Look at the CNAME and NS records on the way to the record (Resolve-DnsName or dig); a chain that long or that wide is usually a mistake.";

        private static ErrorRecord ForApi(WorkOSApiException e, object? target)
        {
            string? advice;
            string id;
            ErrorCategory category;
            switch (e.Failure)
            {
                case ApiFailure.Unauthorized:
                    (id, category, advice) = (ErrorIds.Unauthorized, ErrorCategory.AuthenticationError, "Connect with a secret key of this environment: Connect-WorkOS -ApiKey <sk_...>.");
                    break;
                case ApiFailure.Forbidden:
                    (id, category, advice) = (ErrorIds.Forbidden, ErrorCategory.PermissionDenied, null);
                    break;
                case ApiFailure.NotFound:
                    // A domain's own path names a domain; a create (POST /organization_domains) names the organization.
                    (id, category, advice) = (ErrorIds.NotFound, ErrorCategory.ObjectNotFound, e.Path.StartsWith("/organization_domains/", StringComparison.Ordinal)
                        ? "Get-WorkOSDomain -OrganizationId <org_...> lists the domains that exist."
                        : "Get-WorkOSOrganization lists the organizations this key can see.");
                    break;
                case ApiFailure.DomainAlreadyExists:
                    (id, category, advice) = (ErrorIds.DomainAlreadyExists, ErrorCategory.ResourceExists,
                        "Get-WorkOSDomain -Domain <name> shows who holds it; Remove-WorkOSOrganizationDomain releases it before claiming it again.");
                    break;
                case ApiFailure.DomainAlreadyVerified:
                case ApiFailure.Conflict:
                    (id, category, advice) = (ErrorIds.Conflict, ErrorCategory.ResourceExists, e.Code == "external_id_already_used"
                        ? "Get-WorkOSOrganization -ExternalId <id> shows the organization that has it."
                        : null);
                    break;
                case ApiFailure.Rejected:
                    (id, category, advice) = (ErrorIds.RequestRejected, ErrorCategory.InvalidArgument, null);
                    break;
                case ApiFailure.RateLimited:
                    (id, category, advice) = (ErrorIds.RateLimited, ErrorCategory.LimitsExceeded, "Lower the pace with Connect-WorkOS -RateLimit, or run the command again later.");
                    break;
                case ApiFailure.ServerError:
                    (id, category, advice) = (ErrorIds.ServerError, ErrorCategory.ResourceUnavailable, null);
                    break;
                case ApiFailure.NoResponse:
                    (id, category, advice) = (ErrorIds.NoResponse, e.InnerException is TimeoutException ? ErrorCategory.OperationTimeout : ErrorCategory.ConnectionError, SafeToRepeat(e));
                    break;
                default:
                    (id, category, advice) = (ErrorIds.UnexpectedResponse, ErrorCategory.InvalidResult,
                        "Check that -BaseUri is the WorkOS API (https://api.workos.com) and that no proxy answers in its place.");
                    break;
            }
            return Record(e, id, category, target, advice == null ? null : e.Message + " " + advice, advice);
        }

        /// <summary>Whether running the command again after a lost answer is harmless, and why.</summary>
        private static string SafeToRepeat(WorkOSApiException e)
        {
            if (e.Method == "GET") return "Nothing was changed; running the command again is safe.";
            if (e.Method == "POST" && e.Path == "/organization_domains")
                return "An attempt may have claimed the domain before its answer was lost: Get-WorkOSDomain -Domain <name> shows it. Running the command again never claims it twice (a claimed domain answers WorkOS.DomainAlreadyExists).";
            if (e.Method == "POST" && e.Path == "/organizations")
                return "An attempt may have created the organization before its answer was lost: check with Get-WorkOSOrganization (-ExternalId, or -Search <name>) before running the command again. With -ExternalId a repeat can never create a second one (it answers WorkOS.Conflict); without, it can.";
            if (e.Method == "DELETE")
                return "An attempt may have removed it before its answer was lost: Get-WorkOSDomain -Id <id> shows whether it is still there (WorkOS.NotFound: it is gone). Running the command again removes nothing else.";
            return "Running the command again is safe.";
        }

        /// <summary>The failing findings of a DNS check with their fixes, one per line.</summary>
        private static string Diagnosis(DnsChallengeResult check)
        {
            var text = new StringBuilder();
            foreach (DnsFinding finding in check.Findings.Where(f => f.Severity >= FindingSeverity.Fail))
            {
                text.Append(Environment.NewLine).Append("  ").Append(finding.Code).Append(": ").Append(finding.Message);
                if (finding.Fix.Length > 0) text.Append(Environment.NewLine).Append("    Fix: ").Append(finding.Fix);
            }
            return text.ToString();
        }

        private static ErrorRecord Record(Exception e, string id, ErrorCategory category, object? target, string? message, string? recommendedAction)
        {
            var record = new ErrorRecord(e, id, category, target);
            if (message != null || recommendedAction != null)
                record.ErrorDetails = new ErrorDetails(message ?? e.Message) { RecommendedAction = recommendedAction ?? "" };
            return record;
        }
    }
}
