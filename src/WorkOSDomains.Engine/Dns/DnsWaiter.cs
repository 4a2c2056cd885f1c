using System;
using System.Threading;
using System.Threading.Tasks;

namespace WorkOSDomains.Engine.Dns
{
    /// <summary>
    /// Checks again and again until every authoritative server serves the record or time runs
    /// out. It only ever asks the authoritative servers (or the resolvers the user chose): asking a
    /// public resolver early would make it cache "no such record" for the negative TTL.
    /// </summary>
    public static class DnsWaiter
    {
        /// <param name="attempted">Called after each check, with the attempt number and its result.</param>
        public static async Task<DnsChallengeResult> WaitAsync(DnsInspector inspector, DnsChallenge challenge, TimeSpan timeout, TimeSpan interval,
            Action<int, DnsChallengeResult>? attempted, CancellationToken cancellationToken)
        {
            DateTimeOffset deadline = DateTimeOffset.UtcNow + timeout;
            for (int attempt = 1; ; attempt++)
            {
                DnsChallengeResult result = await inspector.CheckAsync(challenge, cancellationToken).ConfigureAwait(false);
                attempted?.Invoke(attempt, result);
                TimeSpan left = deadline - DateTimeOffset.UtcNow;
                if (result.Passed || left <= TimeSpan.Zero) return result;
                await Task.Delay(interval < left ? interval : left, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
