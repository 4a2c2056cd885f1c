using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace WorkOSDomains.Engine.Api.Http
{
    /// <summary>Waits for a token from the bucket shared by every client with the same key and limit.</summary>
    internal sealed class RateLimitHandler : DelegatingHandler
    {
        private readonly TokenBucket _bucket;

        internal RateLimitHandler(TokenBucket bucket) => _bucket = bucket;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await _bucket.TakeAsync(cancellationToken).ConfigureAwait(false);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Paces requests below the server's limit of <c>limit</c> per <c>window</c>. A bucket that
    /// holds b tokens and refills at r per second sends at most b + r·w in any stretch of w
    /// seconds. The burst is small (20 ms of traffic) and the rate leaves room for it in any
    /// window of a second or longer, so a server that counts in fixed or sliding windows, per
    /// minute or per second, never sees more than its share. A 429 with Retry-After pauses every
    /// request of the key, not only the one that drew it.
    /// </summary>
    internal sealed class TokenBucket
    {
        private static readonly ConcurrentDictionary<string, TokenBucket> Shared = new ConcurrentDictionary<string, TokenBucket>();

        private readonly object _gate = new object();
        private readonly double _capacity;
        private readonly double _tokensPerTick;
        private double _tokens;
        private long _lastRefill;
        private long _pausedUntil;

        internal TokenBucket(int limit, TimeSpan window)
        {
            double perSecond = limit / window.TotalSeconds;
            _capacity = Math.Max(1, Math.Ceiling(perSecond * 0.02));
            _tokens = _capacity;
            double rate = Math.Max(perSecond / 2, perSecond - _capacity / Math.Min(window.TotalSeconds, 1));
            _tokensPerTick = rate / Stopwatch.Frequency;
            _lastRefill = Stopwatch.GetTimestamp();
        }

        /// <summary>The bucket for one key (by fingerprint) and one limit, shared across clients in the process.</summary>
        internal static TokenBucket For(string keyFingerprint, int limit, TimeSpan window) =>
            Shared.GetOrAdd($"{keyFingerprint}/{limit}/{window.Ticks}", _ => new TokenBucket(limit, window));

        /// <summary>Holds every request back for <paramref name="wait"/>: the server said its window is full.</summary>
        internal void PauseFor(TimeSpan wait)
        {
            lock (_gate)
            {
                _pausedUntil = Math.Max(_pausedUntil, Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency));
                _tokens = 0;
            }
        }

        internal async Task TakeAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan wait;
                lock (_gate)
                {
                    long now = Stopwatch.GetTimestamp();
                    if (now < _pausedUntil)
                    {
                        wait = TimeSpan.FromSeconds((_pausedUntil - now) / (double)Stopwatch.Frequency);
                    }
                    else
                    {
                        _tokens = Math.Min(_capacity, _tokens + (now - Math.Max(_lastRefill, _pausedUntil)) * _tokensPerTick);
                        _lastRefill = now;
                        if (_tokens >= 1)
                        {
                            _tokens -= 1;
                            return;
                        }
                        wait = TimeSpan.FromSeconds((1 - _tokens) / (_tokensPerTick * Stopwatch.Frequency));
                    }
                }
                await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
