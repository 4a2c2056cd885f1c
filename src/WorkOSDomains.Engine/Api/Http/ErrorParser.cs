using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;

namespace WorkOSDomains.Engine.Api.Http
{
    /// <summary>
    /// Turns any error response into a <see cref="WorkOSApiException"/>: {message}, {code, message},
    /// {message, errors[]}, {error, error_description}, a bare JSON string, HTML from a proxy, or
    /// nothing at all. It never throws on a strange body. The message says what happened in plain
    /// words; the cmdlets add which command to run next.
    /// </summary>
    internal static class ErrorParser
    {
        internal const int RawBodyLimit = 2000;
        /// <summary>The most kept of any one string from an error body (message, code, field error).</summary>
        internal const int TextLimit = 200;
        internal const int FieldErrorLimit = 20;

        internal static WorkOSApiException FromResponse(HttpStatusCode status, ArraySegment<byte> body, string? requestId, string? location,
            TimeSpan? retryAfter, string method, string path, int attempts)
        {
            string? text = StartOf(body);
            string? code = null, message = null;
            var errors = new List<FieldError>();
            int moreErrors = ReadBody(body, text, ref code, ref message, errors);

            int statusCode = (int)status;
            ApiFailure failure = Classify(statusCode, code, method, path);
            string description = Describe(failure, statusCode, code, message, errors, moreErrors, method, path, text, location, retryAfter, attempts);
            if (requestId != null) description += $" (request id {requestId})";
            return new WorkOSApiException(failure, description, statusCode, code, message, errors, requestId, retryAfter,
                Truncate(text), method, path, attempts);
        }

        internal static WorkOSApiException NoResponse(string method, string path, int attempts, Exception cause, TimeSpan timeout)
        {
            string what = cause is DeadlineExceededException deadline
                ? $"got no complete answer within {deadline.Deadline.TotalSeconds:0.#} s, the time allowed for one call ({attempts} attempt(s)); a server that answers this slowly is not usable."
                : cause is TimeoutException
                    ? $"timed out after {timeout.TotalSeconds:0.#} s on each of {attempts} attempt(s). Check the network path to the WorkOS API (proxy, firewall, DNS) and try again."
                    : $"failed to connect or lost the connection ({cause.GetBaseException().Message}) on each of {attempts} attempt(s). Check the network path to the WorkOS API (proxy, firewall, DNS) and try again.";
            return new WorkOSApiException(ApiFailure.NoResponse, $"{method} {path} {what}", null, null, null, Array.Empty<FieldError>(), null, null, null, method, path, attempts, cause);
        }

        /// <summary>The start of a body as text, enough for <see cref="RawBodyLimit"/> characters; a huge body is never turned into text whole.</summary>
        internal static string? StartOf(ArraySegment<byte> body) =>
            body.Count == 0 ? null : Encoding.UTF8.GetString(body.Array!, body.Offset, Math.Min(body.Count, (RawBodyLimit + 1) * 4));

        /// <summary>A 2xx answer the client cannot use; <paramref name="problem"/> says why, in words about the answer.</summary>
        internal static WorkOSApiException Unexpected(string method, string path, int? status, string problem, string? requestId, int attempts, string? rawBody = null) =>
            new WorkOSApiException(ApiFailure.UnexpectedResponse,
                $"{method} {path}: {problem}{(requestId == null ? "" : $" (request id {requestId})")}",
                status, null, null, Array.Empty<FieldError>(), requestId, null, Truncate(rawBody), method, path, attempts);

        private static ApiFailure Classify(int status, string? code, string method, string path)
        {
            bool creatingDomain = method == "POST" && path.TrimEnd('/').EndsWith("/organization_domains", StringComparison.Ordinal);
            switch (status)
            {
                case 401: return ApiFailure.Unauthorized;
                case 403: return ApiFailure.Forbidden;
                case 404: return ApiFailure.NotFound;
                case 400 when code == "domain_already_verified": return ApiFailure.DomainAlreadyVerified;
                // The official emulator answers a duplicate domain with code "conflict".
                case 409 when code == "domain_already_exists" || creatingDomain: return ApiFailure.DomainAlreadyExists;
                case 409: return ApiFailure.Conflict;
                case 400 when code == "external_id_already_used": return ApiFailure.Conflict;
                case 429: return ApiFailure.RateLimited;
                default:
                    return status >= 500 ? ApiFailure.ServerError
                        : status >= 400 ? ApiFailure.Rejected
                        : ApiFailure.UnexpectedResponse;
            }
        }

        /// <summary>Fills in what the body says, every string cut to <see cref="TextLimit"/>; returns how many field errors were left out.</summary>
        private static int ReadBody(ArraySegment<byte> body, string? text, ref string? code, ref string? message, List<FieldError> errors)
        {
            if (string.IsNullOrWhiteSpace(text)) return 0;
            string trimmed = text!.TrimStart();
            if (trimmed[0] != '{' && trimmed[0] != '"')
            {
                // HTML from a proxy or plain text: keep a short, tag-free excerpt as the message.
                message = trimmed[0] == '<' ? null : Truncate(trimmed.Trim(), TextLimit);
                return 0;
            }
            try
            {
                using JsonDocument doc = JsonDocument.Parse(body.AsMemory());
                JsonElement root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.String)
                {
                    message = Truncate(root.GetString(), TextLimit);
                    return 0;
                }
                if (root.ValueKind != JsonValueKind.Object) return 0;
                code = StringOf(root, "code") ?? StringOf(root, "error");
                message = StringOf(root, "message") ?? StringOf(root, "error_description");
                if (!root.TryGetProperty("errors", out JsonElement list) || list.ValueKind != JsonValueKind.Array) return 0;
                int total = list.GetArrayLength();
                foreach (JsonElement e in list.EnumerateArray().Take(FieldErrorLimit))
                {
                    if (e.ValueKind == JsonValueKind.Object)
                        errors.Add(new FieldError(StringOf(e, "field"), StringOf(e, "code"), StringOf(e, "message")));
                    else if (e.ValueKind == JsonValueKind.String)
                        errors.Add(new FieldError(null, null, Truncate(e.GetString(), TextLimit)));
                }
                return total - Math.Min(total, FieldErrorLimit);
            }
            catch (JsonException)
            {
                message = Truncate(trimmed.Trim(), TextLimit);
                return 0;
            }
        }

        private static string? StringOf(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? Truncate(v.GetString(), TextLimit) : null;

        private static string Describe(ApiFailure failure, int status, string? code, string? message, List<FieldError> errors, int moreErrors,
            string method, string path, string? body, string? location, TimeSpan? retryAfter, int attempts)
        {
            string said = message ?? code ?? (body != null && body.TrimStart().StartsWith("<", StringComparison.Ordinal) ? "an HTML page (a proxy or gateway answered, not WorkOS)" : "no details");
            switch (failure)
            {
                case ApiFailure.Unauthorized:
                    return $"WorkOS rejected the API key (401 {said}). Check the key starts with sk_ and belongs to this environment (sk_test_ for staging, sk_live_ for production).";
                case ApiFailure.Forbidden:
                    return $"The API key is not allowed to do this (403 {said}). Check the key's permissions in the WorkOS dashboard.";
                case ApiFailure.NotFound:
                    return $"Not found: {(method == "POST" && !path.EndsWith("/verify", StringComparison.Ordinal) ? "the organization" : IdOf(path))} does not exist in this WorkOS environment (404 {said}). Check the id, and that the key belongs to the environment that holds it.";
                case ApiFailure.DomainAlreadyExists:
                    return $"The domain is already claimed ({status} {code}: {said}).";
                case ApiFailure.DomainAlreadyVerified:
                    return "The domain is already verified (400 domain_already_verified).";
                case ApiFailure.RateLimited:
                    return $"WorkOS rate limit reached (429 {said}) after {attempts} attempt(s){(retryAfter is TimeSpan r ? $"; retry after {r.TotalSeconds:0} s" : "")}. Lower the request rate or try again later.";
                case ApiFailure.Rejected when status == 422 || errors.Count > 0:
                    var sb = new StringBuilder($"WorkOS refused the request as invalid ({status} {said})");
                    if (errors.Count > 0) sb.Append(": ").Append(string.Join("; ", errors));
                    if (moreErrors > 0) sb.Append($"; and {moreErrors} more");
                    return sb.Append(". Correct the fields named and try again.").ToString();
                case ApiFailure.UnexpectedResponse when IsRedirect(status):
                    return $"{method} {path} was answered with {status}: the address redirects elsewhere{(location == null ? "" : $" (to {location})")}. "
                        + "The module does not follow redirects, so the API key never travels to another host.";
                default:
                    string hint = status >= 500 ? $" after {attempts} attempt(s). WorkOS or a gateway failed; try again later, and quote the request id to WorkOS support if it persists." : ".";
                    return $"WorkOS answered {status} {(code != null && message != null ? code + ": " : "")}{said.TrimEnd('.')}{hint}";
            }
        }

        private static bool IsRedirect(int status) => status == 301 || status == 302 || status == 303 || status == 307 || status == 308;

        private static string IdOf(string path)
        {
            string p = path.Split('?')[0].TrimEnd('/');
            string[] parts = p.Split('/');
            string last = parts[parts.Length - 1];
            if ((last == "verify") && parts.Length > 1) last = parts[parts.Length - 2];
            return $"'{Uri.UnescapeDataString(last)}'";
        }

        internal static string? Truncate(string? text, int limit = RawBodyLimit) =>
            text == null || text.Length <= limit ? text : text.Substring(0, limit) + "…";
    }
}
