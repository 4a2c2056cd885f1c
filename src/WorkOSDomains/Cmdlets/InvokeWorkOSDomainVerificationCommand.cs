using System;
using System.Management.Automation;
using WorkOSDomains.Dns;
using WorkOSDomains.Engine.Dns;
using WorkOSDomains.Engine.Validation;
using WorkOSDomains.Engine.Verification;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>
    /// Starts DNS verification of domains, after checking that every authoritative name server
    /// serves the record (an attempt that cannot succeed is not started), and with -Wait waits
    /// until WorkOS says verified or failed. Writes the domain as WorkOS shows it at the end.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "WorkOSDomainVerification", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(OrganizationDomain))]
    public sealed class InvokeWorkOSDomainVerificationCommand : WorkOSApiCmdlet
    {
        // A DnsInspector, held as object: see docs/dependency-isolation.md, "Exported types never
        // name the engine in a field".
        private object? _inspector;

        /// <summary>Domain ids (org_domain_...); domain objects bind by their Id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DomainId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Start verification even when the DNS pre-check fails.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Do not check DNS first.</summary>
        [Parameter]
        public SwitchParameter SkipDnsCheck { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [SecondsTransformation]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>The first wait between checks of the domain's state; later waits grow, up to a minute.</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

        [Parameter]
        public string[]? BootstrapServer { get; set; }

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>Test hook: the port of the authoritative servers (53 in real life).</summary>
        [Parameter(DontShow = true)]
        [ValidateRange(1, 65535)]
        public int AuthoritativePort { get; set; } = 53;

        protected override int ItemThrottleLimit => ThrottleLimit;

        protected override string ProgressActivity => Wait ? "Waiting for WorkOS to verify domains" : "Verifying domains";

        protected override string ParameterFor(string field) => field == "DomainId" ? nameof(Id) : field;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            try
            {
                if (Timeout <= TimeSpan.Zero) throw new InvalidInputException(nameof(Timeout), Timeout.ToString(), "is not positive", "Give seconds, e.g. 300, or a time span, e.g. 00:05:00.");
                if (Interval <= TimeSpan.Zero) throw new InvalidInputException(nameof(Interval), Interval.ToString(), "is not positive", "Give seconds, e.g. 10.");
                if (!SkipDnsCheck) _inspector = DnsParameters.Inspector(null, false, BootstrapServer, AuthoritativePort);
            }
            catch (InvalidInputException e)
            {
                ThrowTerminatingError(ErrorFor(e, e.Value));
            }
        }

        protected override void ProcessRecord()
        {
            var options = new VerificationOptions { CheckDnsFirst = !SkipDnsCheck, Force = Force, Wait = Wait, Timeout = Timeout, Interval = Interval };
            var verifier = new DomainVerifier(Client, (DnsInspector?)_inspector);
            foreach (string given in Id)
            {
                if (!TryRead(given, () => Input.Id(given, "DomainId", "org_domain_"), out string id)) continue;
                if (!ShouldProcess(id, "Start DNS verification")) continue;
                StartItem(given, async (outcome, token) =>
                {
                    VerificationReport report = await verifier.VerifyAsync(id, options,
                        (domain, waited) => outcome.Status = $"{domain.Domain} {domain.State} after {waited.TotalSeconds:0} s", token).ConfigureAwait(false);
                    Describe(report, outcome);
                    outcome.Output.Add(report.Domain);
                });
            }
        }

        protected override void EndProcessing() => FinishItems();

        private static void Describe(VerificationReport report, ItemOutcome outcome)
        {
            OrganizationDomain domain = report.Domain;
            if (report.WasAlreadyVerified) outcome.Verbose.Add($"{domain.Domain} is already verified.");
            if (report.DnsCheckImpossible)
                outcome.Warnings.Add($"{domain.Domain}: the DNS check was skipped because WorkOS returned no verification token. {report.Before.DnsRecordInstruction}");
            else if (report.DnsCheck is DnsChallengeResult check)
                outcome.Verbose.Add($"{domain.Domain}: DNS pre-check {check.Status} at {check.RecordName}" + (check.Passed ? "" : "; starting anyway (-Force)."));
            if (report.RecordChanged)
                outcome.Warnings.Add($"WorkOS issued a new verification record for {domain.Domain}: {domain.DnsRecordInstruction} The old record ({report.Before.DnsRecordName} = {report.Before.DnsRecordValue}) no longer verifies.");
        }
    }
}
