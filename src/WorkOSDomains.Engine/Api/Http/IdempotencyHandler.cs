using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace WorkOSDomains.Engine.Api.Http
{
    /// <summary>
    /// Gives every POST an Idempotency-Key (a random UUID v4) unless the caller chose one. It sits
    /// outside the retry handler, so every retry of one POST carries the same key and WorkOS
    /// replays the first result instead of creating a second resource.
    /// </summary>
    internal sealed class IdempotencyHandler : DelegatingHandler
    {
        internal const string HeaderName = "Idempotency-Key";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && !request.Headers.Contains(HeaderName))
                request.Headers.TryAddWithoutValidation(HeaderName, Guid.NewGuid().ToString());
            return base.SendAsync(request, cancellationToken);
        }
    }
}
