using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading.Tasks;
using WorkOSDomains.Engine.Concurrency;
using WorkOSDomains.Engine.Dns;

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
        private DnsInspector _inspector = null!;
        private OrderedRunner<DnsChallengeResult> _runner = null!;
        private readonly ConcurrentDictionary<string, string> _waiting = new ConcurrentDictionary<string, string>();
        private DateTime _lastProgress;

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

        protected override void BeginProcessing()
        {
            if (Timeout <= TimeSpan.Zero) ThrowTerminatingError(ErrorFor(new ArgumentException("-Timeout must be positive, e.g. 600 (seconds) or 00:10:00.", nameof(Timeout)), Timeout));
            if (Interval <= TimeSpan.Zero) ThrowTerminatingError(ErrorFor(new ArgumentException("-Interval must be positive, e.g. 10 (seconds).", nameof(Interval)), Interval));
            try
            {
                var options = new DnsCheckOptions
                {
                    Resolvers = Parse(Server, nameof(Server)),
                    IncludeAuthoritative = Server == null || Server.Length == 0 || IncludeResolver,
                    BootstrapResolvers = Parse(BootstrapServer, nameof(BootstrapServer)),
                    AuthoritativePort = AuthoritativePort,
                };
                _inspector = new DnsInspector(options);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorFor(e, e.ParamName == nameof(BootstrapServer) ? (object?)BootstrapServer : Server));
            }
            _runner = new OrderedRunner<DnsChallengeResult>(ThrottleLimit, Cancellation);
        }

        private static List<IPEndPoint> Parse(string[]? values, string parameter) =>
            (values ?? Array.Empty<string>()).Select(v => ServerAddress.Parse(v, parameter)).ToList();

        protected override void ProcessRecord()
        {
            DnsChallenge? challenge = ReadChallenge();
            if (challenge == null) return;

            if (Wait)
                _runner.Add(token => DnsWaiter.WaitAsync(_inspector, challenge, Timeout, Interval, (attempt, r) => _waiting[challenge.Domain] = $"check {attempt}: {r.Status}", token));
            else
                _runner.Add(token => _inspector.CheckAsync(challenge, token));

            // Stream what is done; hold at most a few batches in memory however long the input.
            WriteReady(untilPendingBelow: ThrottleLimit * 4);
        }

        protected override void EndProcessing()
        {
            WriteReady(untilPendingBelow: 1);
            WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        private string Activity => Wait ? "Waiting for DNS TXT challenges to verify" : "Checking DNS TXT challenges";

        private void WriteReady(int untilPendingBelow)
        {
            while (true)
            {
                while (TryTakeNext(out DnsChallengeResult? result))
                {
                    if (result != null) Write(result);
                }
                if (_runner.Pending < untilPendingBelow) return;
                _runner.WaitForNext(TimeSpan.FromMilliseconds(200));
                ReportProgress();
            }
        }

        /// <summary>Takes the next finished check; one that failed unexpectedly becomes that item's error.</summary>
        private bool TryTakeNext(out DnsChallengeResult? result)
        {
            try
            {
                bool taken = _runner.TryTake(out DnsChallengeResult done);
                result = done;
                return taken;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                WriteError(ErrorFor(e, null));
                result = null;
                return true;
            }
        }

        private void Write(DnsChallengeResult result)
        {
            _waiting.TryRemove(result.Domain, out _);
            WriteVerbose($"{result.Domain}: {result.Status} at {result.RecordName} ({string.Join(", ", result.Findings.Select(f => f.Code))})");
            if (Quiet) WriteObject(result.Passed);
            else WriteObject(result);
        }

        private void ReportProgress()
        {
            if ((DateTime.UtcNow - _lastProgress).TotalMilliseconds < 500) return;
            _lastProgress = DateTime.UtcNow;
            int done = _runner.Started - _runner.Pending;
            string status = $"{done} of {_runner.Started} done" + (_waiting.IsEmpty ? "" : "; " + string.Join(", ", _waiting.Take(3).Select(w => $"{w.Key} {w.Value}")));
            WriteProgress(new ProgressRecord(1, Activity, status) { PercentComplete = _runner.Started == 0 ? 0 : 100 * done / _runner.Started });
        }
    }
}
