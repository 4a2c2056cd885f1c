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
    /// A token bucket: holds up to <c>capacity</c> tokens and refills continuously at
    /// capacity per window, so bulk work paces itself below the server's limit instead of
    /// drawing 429s.
    /// </summary>
    internal sealed class TokenBucket
    {
        private static readonly ConcurrentDictionary<string, TokenBucket> Shared = new ConcurrentDictionary<string, TokenBucket>();

        private readonly object _gate = new object();
        private readonly double _capacity;
        private readonly double _tokensPerTick;
        private double _tokens;
        private long _lastRefill;

        internal TokenBucket(int capacity, TimeSpan window)
        {
            _capacity = capacity;
            _tokens = capacity;
            _tokensPerTick = capacity / (double)(window.TotalSeconds * Stopwatch.Frequency);
            _lastRefill = Stopwatch.GetTimestamp();
        }

        /// <summary>The bucket for one key (by fingerprint) and one limit, shared across clients in the process.</summary>
        internal static TokenBucket For(string keyFingerprint, int capacity, TimeSpan window) =>
            Shared.GetOrAdd($"{keyFingerprint}/{capacity}/{window.Ticks}", _ => new TokenBucket(capacity, window));

        internal async Task TakeAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan wait;
                lock (_gate)
                {
                    long now = Stopwatch.GetTimestamp();
                    _tokens = Math.Min(_capacity, _tokens + (now - _lastRefill) * _tokensPerTick);
                    _lastRefill = now;
                    if (_tokens >= 1)
                    {
                        _tokens -= 1;
                        return;
                    }
                    wait = TimeSpan.FromSeconds((1 - _tokens) / (_tokensPerTick * Stopwatch.Frequency));
                }
                await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
