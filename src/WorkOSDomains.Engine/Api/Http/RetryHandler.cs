using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace WorkOSDomains.Engine.Api.Http
{
    /// <summary>
    /// Retries transient failures: 408, 429, 500, 502, 503, 504, timeouts and connection errors.
    /// Waits Retry-After when the server sends it (seconds or HTTP date), otherwise exponential
    /// backoff with full jitter, capped. Never retries other 4xx answers. The only retry layer of
    /// the client, and the owner of the call's deadline: every attempt and wait ends by
    /// <see cref="WorkOSClientOptions.TotalTimeout"/>, and no wait starts that would pass it.
    /// </summary>
    internal sealed class RetryHandler : DelegatingHandler
    {
        // Longer than this and a runbook would look hung: report the Retry-After instead of waiting.
        internal static readonly TimeSpan LongestRetryAfterWaited = TimeSpan.FromSeconds(60);

        private static readonly Random Jitter = new Random();
        private readonly WorkOSClientOptions _options;
        private readonly TokenBucket? _bucket;

        /// <param name="bucket">The key's rate-limit bucket, paused on a 429 so the other requests wait too.</param>
        internal RetryHandler(WorkOSClientOptions options, TokenBucket? bucket = null)
        {
            _options = options;
            _bucket = bucket;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_options.TotalTimeout);
            var clock = Stopwatch.StartNew();
            bool InTime(TimeSpan wait) => clock.Elapsed + wait < _options.TotalTimeout;
            try
            {
                for (int attempt = 1; ; attempt++)
                {
                    RequestState.SetAttempt(request, attempt);
                    bool lastAttempt = attempt > _options.MaxRetries;
                    HttpResponseMessage response;
                    try
                    {
                        response = await base.SendAsync(request, deadline.Token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (!lastAttempt && IsTransient(e, deadline.Token))
                    {
                        RequestState.SetAnswerLost(request);
                        TimeSpan backoff = Backoff(attempt);
                        if (!InTime(backoff)) throw;
                        await Task.Delay(backoff, deadline.Token).ConfigureAwait(false);
                        continue;
                    }

                    if (lastAttempt || !IsTransient(response.StatusCode)) return response;

                    TimeSpan wait = ReadRetryAfter(response) ?? Backoff(attempt);
                    if (wait > LongestRetryAfterWaited || !InTime(wait)) return response;
                    // A full window holds back the key's other requests too, not only this one.
                    if ((int)response.StatusCode == 429) _bucket?.PauseFor(wait);
                    response.Dispose();
                    await Task.Delay(wait, deadline.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new DeadlineExceededException(_options.TotalTimeout);
            }
        }

        internal static bool IsTransient(HttpStatusCode status)
        {
            int code = (int)status;
            return code == 408 || code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
        }

        private static bool IsTransient(Exception e, CancellationToken token) =>
            !token.IsCancellationRequested && (e is TimeoutException || e is HttpRequestException || e is IOException);

        private TimeSpan Backoff(int attempt)
        {
            double ceiling = Math.Min(_options.RetryMaxDelay.TotalMilliseconds, _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
            double sample;
            lock (Jitter) sample = Jitter.NextDouble();
            return TimeSpan.FromMilliseconds(ceiling * sample);
        }

        internal static TimeSpan? ReadRetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header == null) return null;
            if (header.Delta is TimeSpan delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            if (header.Date is DateTimeOffset date)
            {
                TimeSpan wait = date - DateTimeOffset.UtcNow;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
        }
    }

    /// <summary>The call's total timeout ran out, during an attempt or a wait between attempts.</summary>
    internal sealed class DeadlineExceededException : TimeoutException
    {
        internal DeadlineExceededException(TimeSpan deadline)
            : base($"No complete answer within {deadline.TotalSeconds:0.#} s, the time allowed for one call.") => Deadline = deadline;

        internal TimeSpan Deadline { get; }
    }
}
