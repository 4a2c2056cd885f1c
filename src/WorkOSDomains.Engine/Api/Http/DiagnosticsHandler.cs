using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace WorkOSDomains.Engine.Api.Http
{
    /// <summary>
    /// Reports every attempt (method, path, status, request id, attempt, time) to the
    /// diagnostics callback. It reads no header but X-Request-ID and no body, so the key cannot
    /// leak; what the server sent reaches it cleaned by <see cref="ResponseGuardHandler"/>.
    /// </summary>
    internal sealed class DiagnosticsHandler : DelegatingHandler
    {
        private readonly Action<HttpDiagnostic> _sink;

        internal DiagnosticsHandler(Action<HttpDiagnostic> sink) => _sink = sink;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var record = new HttpDiagnostic
            {
                Method = request.Method.Method,
                Path = request.RequestUri?.PathAndQuery ?? "",
                Attempt = RequestState.GetAttempt(request),
            };
            var clock = Stopwatch.StartNew();
            try
            {
                HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                record.StatusCode = (int)response.StatusCode;
                record.RequestId = response.Headers.TryGetValues(WorkOSClient.RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;
                return response;
            }
            catch (Exception e)
            {
                record.Failure = e is TimeoutException ? "timed out"
                    : e is OperationCanceledException ? "canceled"
                    : e is ResponseTooLargeException ? e.Message
                    : "connection failed: " + e.GetBaseException().Message;
                throw;
            }
            finally
            {
                record.Elapsed = clock.Elapsed;
                _sink(record);
            }
        }
    }
}
