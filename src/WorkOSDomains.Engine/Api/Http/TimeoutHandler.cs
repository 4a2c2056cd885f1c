using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace WorkOSDomains.Engine.Api.Http
{
    /// <summary>
    /// Bounds one attempt (headers and body: the body is read by the handler inside this one) by
    /// the request timeout and reports it as a TimeoutException, so the retry handler can tell a
    /// slow server from a caller's Ctrl+C or the end of the call's deadline.
    /// </summary>
    internal sealed class TimeoutHandler : DelegatingHandler
    {
        private readonly TimeSpan _timeout;

        internal TimeoutHandler(TimeSpan timeout) => _timeout = timeout;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(_timeout);
            try
            {
                return await base.SendAsync(request, attempt.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No complete response within {_timeout.TotalSeconds:0.#} s.");
            }
        }
    }
}
