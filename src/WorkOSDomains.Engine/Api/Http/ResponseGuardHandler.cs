using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace WorkOSDomains.Engine.Api.Http
{
    /// <summary>
    /// Treats every answer as untrusted before the rest of the client sees it. It reads the whole
    /// body, decompressed, but never more than the size cap; it takes credentials out of the body,
    /// out of the headers the client reads (X-Request-ID, Location) and out of the transport's own
    /// error messages, which quote what the server sent; and it bounds those headers. The
    /// innermost handler, so every attempt passes through it under the attempt's timeout.
    /// </summary>
    internal sealed class ResponseGuardHandler : DelegatingHandler
    {
        internal const int HeaderLimit = 200;
        private static readonly string[] ReadHeaders = { WorkOSClient.RequestIdHeader, "Location" };

        private readonly Redactor _redactor;
        private readonly int _maxBytes;

        internal ResponseGuardHandler(Redactor redactor, int maxBytes)
        {
            _redactor = redactor;
            _maxBytes = maxBytes;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw Transport(e);
            }
            try
            {
                foreach (string name in ReadHeaders) CleanHeader(response, name);
                if (response.Content != null) response.Content = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
                return response;
            }
            catch (Exception e)
            {
                response.Dispose(); // aborts a body read still in flight
                if (e is OperationCanceledException || e is ResponseTooLargeException) throw;
                throw Transport(e);
            }
        }

        private async Task<HttpContent> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            HttpContent content = response.Content;
            if (content.Headers.ContentLength > _maxBytes) throw TooLarge(response);
            using Stream stream = await content.ReadAsStreamAsync().WithCancellation(cancellationToken).ConfigureAwait(false);
            var body = new MemoryStream();
            byte[] chunk = new byte[81920];
            while (true)
            {
                // The count is of decompressed bytes: a small gzip body cannot expand past the cap.
                int read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                if (body.Length + read > _maxBytes) throw TooLarge(response);
                body.Write(chunk, 0, read);
            }
            string? charset = content.Headers.ContentType?.CharSet;
            var clean = new BufferedContent(_redactor.Clean(body.GetBuffer(), (int)body.Length, charset, isError: !response.IsSuccessStatusCode, out bool utf8));
            foreach (KeyValuePair<string, IEnumerable<string>> header in content.Headers)
            {
                // The body is now decoded and counted anew.
                if (header.Key == "Content-Length" || header.Key == "Content-Encoding") continue;
                clean.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            if (utf8 && clean.Headers.ContentType != null) clean.Headers.ContentType.CharSet = "utf-8";
            content.Dispose();
            return clean;
        }

        private void CleanHeader(HttpResponseMessage response, string name)
        {
            if (!response.Headers.TryGetValues(name, out IEnumerable<string>? values)) return;
            string? value = _redactor.Keep(values.FirstOrDefault(), HeaderLimit);
            response.Headers.Remove(name);
            if (value != null) response.Headers.TryAddWithoutValidation(name, value);
        }

        private ResponseTooLargeException TooLarge(HttpResponseMessage response) =>
            new ResponseTooLargeException(_maxBytes, (int)response.StatusCode,
                response.Headers.TryGetValues(WorkOSClient.RequestIdHeader, out IEnumerable<string>? ids) ? ids.FirstOrDefault() : null);

        /// <summary>
        /// The transport's failure with the server's words cleaned and without the original chain,
        /// which quotes them too (an invalid status line, say). Stays an HttpRequestException, so
        /// the retry handler still sees a connection failure.
        /// </summary>
        private HttpRequestException Transport(Exception e) =>
            new HttpRequestException(_redactor.Keep(e.GetBaseException().Message, HeaderLimit));
    }

    /// <summary>A response body read in full, cleaned and kept in memory.</summary>
    internal sealed class BufferedContent : ByteArrayContent
    {
        internal BufferedContent(ArraySegment<byte> bytes) : base(bytes.Array!, bytes.Offset, bytes.Count) => Bytes = bytes;

        internal ArraySegment<byte> Bytes { get; }

        /// <summary>The body of a response that passed the guard; empty when it had none.</summary>
        internal static ArraySegment<byte> Of(HttpResponseMessage response) =>
            response.Content is BufferedContent buffered ? buffered.Bytes : new ArraySegment<byte>(Array.Empty<byte>());
    }

    /// <summary>A body over the size cap; never retried, since the next attempt would be as large.</summary>
    internal sealed class ResponseTooLargeException : Exception
    {
        internal ResponseTooLargeException(int limitBytes, int statusCode, string? requestId)
            : base("the response was larger than " + (limitBytes >= 1024 * 1024 ? $"{limitBytes / (1024 * 1024.0):0.##} MB" : $"{limitBytes / 1024.0:0.##} KB"))
        {
            LimitBytes = limitBytes;
            StatusCode = statusCode;
            RequestId = requestId;
        }

        internal int LimitBytes { get; }
        internal int StatusCode { get; }
        internal string? RequestId { get; }
    }
}
