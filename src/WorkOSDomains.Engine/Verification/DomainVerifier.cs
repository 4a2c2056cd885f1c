using System;
using System.Threading;
using System.Threading.Tasks;
using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Dns;

namespace WorkOSDomains.Engine.Verification
{
    /// <summary>How one verification runs.</summary>
    public sealed class VerificationOptions
    {
        /// <summary>Check DNS before asking WorkOS, and refuse to start while the record is not served everywhere.</summary>
        public bool CheckDnsFirst { get; set; } = true;
        /// <summary>Start verification even when the pre-check fails.</summary>
        public bool Force { get; set; }
        /// <summary>Poll until WorkOS says verified or failed.</summary>
        public bool Wait { get; set; }
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);
        /// <summary>First wait between polls; each later one is half as long again, up to <see cref="MaxInterval"/>.</summary>
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);
        public TimeSpan MaxInterval { get; set; } = TimeSpan.FromMinutes(1);
    }

    /// <summary>What a verification did, for the caller to report.</summary>
    public sealed class VerificationReport
    {
        internal VerificationReport(OrganizationDomain before) => Before = before;

        /// <summary>The domain before anything was done.</summary>
        public OrganizationDomain Before { get; }
        /// <summary>The domain as WorkOS showed it last.</summary>
        public OrganizationDomain Domain { get; internal set; } = null!;
        public bool WasAlreadyVerified { get; internal set; }
        /// <summary>The pre-check's result; null when it was skipped.</summary>
        public DnsChallengeResult? DnsCheck { get; internal set; }
        /// <summary>The pre-check was asked for but the domain has no token to check.</summary>
        public bool DnsCheckImpossible { get; internal set; }
        /// <summary>WorkOS issued another token or prefix: the record to publish changed.</summary>
        public bool RecordChanged => Domain.VerificationToken != Before.VerificationToken || Domain.VerificationPrefix != Before.VerificationPrefix;
    }

    /// <summary>
    /// Verifies one domain: re-reads it, checks DNS at the authoritative servers first (a
    /// verification attempt that cannot succeed only burns time), starts verification, re-reads
    /// the domain (WorkOS may issue a new token) and, when asked, waits for the outcome.
    /// </summary>
    public sealed class DomainVerifier
    {
        private readonly WorkOSClient _client;
        private readonly DnsInspector? _inspector;

        /// <param name="inspector">The DNS inspector for the pre-check and the diagnosis of a failure; null skips both.</param>
        public DomainVerifier(WorkOSClient client, DnsInspector? inspector)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _inspector = inspector;
        }

        /// <param name="progress">Told the domain's state after each poll while waiting.</param>
        public async Task<VerificationReport> VerifyAsync(string domainId, VerificationOptions options, Action<OrganizationDomain, TimeSpan>? progress, CancellationToken cancellationToken)
        {
            OrganizationDomain domain = await _client.GetOrganizationDomainAsync(domainId, cancellationToken).ConfigureAwait(false);
            var report = new VerificationReport(domain) { Domain = domain };
            if (domain.IsVerified)
            {
                report.WasAlreadyVerified = true;
                return report;
            }

            if (options.CheckDnsFirst && _inspector != null)
            {
                report.DnsCheck = await DiagnoseAsync(domain, cancellationToken).ConfigureAwait(false);
                report.DnsCheckImpossible = report.DnsCheck == null;
                if (report.DnsCheck is DnsChallengeResult check && !check.Passed && !options.Force)
                    throw new DnsNotReadyException(domain, check);
            }

            try
            {
                await _client.VerifyOrganizationDomainAsync(domainId, cancellationToken).ConfigureAwait(false);
            }
            catch (WorkOSApiException e) when (e.IsDomainAlreadyVerified)
            {
                report.WasAlreadyVerified = true;
            }
            // Always re-read: verification may restart with a new token, and some servers answer
            // verify with less than the whole domain.
            report.Domain = await _client.GetOrganizationDomainAsync(domainId, cancellationToken).ConfigureAwait(false);

            // Waiting on a record WorkOS no longer looks for would only run out the clock: say so now.
            if (options.Wait && report.RecordChanged && !IsSettled(report.Domain))
                throw new VerificationFailedException(domain, report.Domain, await DiagnoseAsync(report.Domain, cancellationToken).ConfigureAwait(false), VerificationEnd.NewRecord);

            if (options.Wait)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                TimeSpan interval = options.Interval;
                while (!IsSettled(report.Domain))
                {
                    TimeSpan left = options.Timeout - clock.Elapsed;
                    if (left <= TimeSpan.Zero)
                        throw new VerificationFailedException(domain, report.Domain, await DiagnoseAsync(report.Domain, cancellationToken).ConfigureAwait(false), VerificationEnd.TimedOut, options.Timeout);
                    await Task.Delay(interval < left ? interval : left, cancellationToken).ConfigureAwait(false);
                    interval = TimeSpan.FromTicks(Math.Min(options.MaxInterval.Ticks, (long)(interval.Ticks * 1.5)));
                    report.Domain = await _client.GetOrganizationDomainAsync(domainId, cancellationToken).ConfigureAwait(false);
                    progress?.Invoke(report.Domain, clock.Elapsed);
                }
            }
            if (report.Domain.State == DomainStates.Failed)
                throw new VerificationFailedException(domain, report.Domain, await DiagnoseAsync(report.Domain, cancellationToken).ConfigureAwait(false), VerificationEnd.Failed);
            return report;
        }

        private static bool IsSettled(OrganizationDomain domain) => domain.IsVerified || domain.State == DomainStates.Failed;

        /// <summary>The authoritative DNS check of the domain's record; null when it cannot be checked (no token, no inspector).</summary>
        private async Task<DnsChallengeResult?> DiagnoseAsync(OrganizationDomain domain, CancellationToken cancellationToken)
        {
            if (_inspector == null || string.IsNullOrEmpty(domain.VerificationToken)) return null;
            DnsChallenge challenge = DnsChallenge.Create(domain.Domain, domain.VerificationToken, domain.VerificationPrefix);
            return await _inspector.CheckAsync(challenge, cancellationToken).ConfigureAwait(false);
        }
    }
}
