using System;
using System.Linq;
using System.Management.Automation;
using WorkOSDomains.Dns;
using WorkOSDomains.Engine.Dns;
using WorkOSDomains.Engine.Validation;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>
    /// Checks that a domain's verification TXT record is served by every authoritative name
    /// server, and explains exactly what is wrong when it is not.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "WorkOSDnsChallenge")]
    [OutputType(typeof(DnsChallengeResult))]
    [OutputType(typeof(bool))]
    public sealed class TestWorkOSDnsChallengeCommand : DnsChallengeCmdlet
    {
        // A DnsInspector, held as object: see docs/dependency-isolation.md, "Exported types never
        // name the engine in a field".
        private object _inspector = null!;

        /// <summary>The domain's WorkOS id (domain objects bind theirs), copied to the result so that it pipes on to Invoke-WorkOSDomainVerification.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        public string? DomainId { get; set; }

        [Parameter]
        public string[]? Server { get; set; }

        [Parameter]
        public SwitchParameter IncludeResolver { get; set; }

        [Parameter]
        public string[]? BootstrapServer { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [SecondsTransformation]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

        [Parameter]
        [SecondsTransformation]
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

        [Parameter]
        public SwitchParameter Quiet { get; set; }

        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = 16;

        /// <summary>Test hook: the port of the authoritative servers (53 in real life), as lego has.</summary>
        [Parameter(DontShow = true)]
        [ValidateRange(1, 65535)]
        public int AuthoritativePort { get; set; } = 53;

        protected override int ItemThrottleLimit => ThrottleLimit;

        protected override string ProgressActivity => Wait ? "Waiting for DNS TXT challenges to verify" : "Checking DNS TXT challenges";

        protected override void BeginProcessing()
        {
            try
            {
                if (Timeout <= TimeSpan.Zero) throw new InvalidInputException(nameof(Timeout), Timeout.ToString(), "is not positive", "Give seconds, e.g. 600, or a time span, e.g. 00:10:00.");
                if (Interval <= TimeSpan.Zero) throw new InvalidInputException(nameof(Interval), Interval.ToString(), "is not positive", "Give seconds, e.g. 10.");
                _inspector = DnsParameters.Inspector(Server, IncludeResolver, BootstrapServer, AuthoritativePort);
            }
            catch (InvalidInputException e)
            {
                ThrowTerminatingError(ErrorFor(e, e.Value));
            }
        }

        protected override void ProcessRecord()
        {
            // Bad input is this item's error, written in its turn among the others.
            if (!TryRead(Domain, ReadChallenge, out DnsChallenge challenge)) return;
            string? domainId = DomainId;
            StartItem(challenge.InputDomain, async (outcome, token) =>
            {
                var inspector = (DnsInspector)_inspector;
                DnsChallengeResult result = Wait
                    ? await DnsWaiter.WaitAsync(inspector, challenge, Timeout, Interval, (attempt, r) => outcome.Status = $"{challenge.Domain} check {attempt}: {r.Status}", token).ConfigureAwait(false)
                    : await inspector.CheckAsync(challenge, token).ConfigureAwait(false);
                result.DomainId = domainId;
                outcome.Verbose.Add($"{result.Domain}: {result.Status} at {result.RecordName} ({string.Join(", ", result.Findings.Select(f => f.Code))})");
                outcome.Output.Add(Quiet ? (object)result.Passed : result);
            });
        }

        protected override void EndProcessing() => FinishItems();
    }
}
