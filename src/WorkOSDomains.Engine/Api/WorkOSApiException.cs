using System;
using System.Collections.Generic;

namespace WorkOSDomains.Engine.Api
{
    /// <summary>A field-level validation error from a 422 response.</summary>
    public sealed class FieldError
    {
        public FieldError(string? field, string? code, string? message)
        {
            Field = field;
            Code = code;
            Message = message;
        }

        public string? Field { get; }
        public string? Code { get; }
        public string? Message { get; }

        public override string ToString() => $"{Field}: {Message ?? Code}";
    }

    /// <summary>What kind of failure a call met; the cmdlets turn each into an error id and advice.</summary>
    public enum ApiFailure
    {
        /// <summary>No response at all once the retry budget was spent (timeouts, resets, refused connections).</summary>
        NoResponse,
        /// <summary>A 2xx or 3xx answer the client cannot use: a redirect, a body of the wrong shape.</summary>
        UnexpectedResponse,
        Unauthorized,
        Forbidden,
        NotFound,
        DomainAlreadyExists,
        DomainAlreadyVerified,
        /// <summary>Another conflict with existing data, such as an external id already in use.</summary>
        Conflict,
        /// <summary>400 or 422: WorkOS refused the request as invalid.</summary>
        Rejected,
        RateLimited,
        ServerError,
    }

    /// <summary>
    /// Every failure of a WorkOS call: an HTTP error answer, or no answer at all once the retry
    /// budget is spent (StatusCode null). The message says what happened and what to do.
    /// </summary>
    public sealed class WorkOSApiException : Exception
    {
        internal WorkOSApiException(ApiFailure failure, string message, int? statusCode, string? code, string? apiMessage,
            IReadOnlyList<FieldError> errors, string? requestId, TimeSpan? retryAfter, string? rawBody,
            string method, string path, int attempts, Exception? inner = null)
            : base(message, inner)
        {
            Failure = failure;
            StatusCode = statusCode;
            Code = code;
            ApiMessage = apiMessage;
            Errors = errors;
            RequestId = requestId;
            RetryAfter = retryAfter;
            RawBody = rawBody;
            Method = method;
            Path = path;
            Attempts = attempts;
        }

        public ApiFailure Failure { get; }
        /// <summary>HTTP status, or null when no response came (timeout, connection failure).</summary>
        public int? StatusCode { get; }
        /// <summary>WorkOS error code such as domain_already_exists, if the body had one.</summary>
        public string? Code { get; }
        /// <summary>The message WorkOS sent, cut to 200 characters. Like every text here from the server, the key and anything like a credential are replaced by ***.</summary>
        public string? ApiMessage { get; }
        public IReadOnlyList<FieldError> Errors { get; }
        /// <summary>X-Request-ID of the failing response: quote it to WorkOS support.</summary>
        public string? RequestId { get; }
        public TimeSpan? RetryAfter { get; }
        /// <summary>The response body, cut to 2,000 characters.</summary>
        public string? RawBody { get; }
        public string Method { get; }
        public string Path { get; }
        public int Attempts { get; }

        public bool IsDomainAlreadyVerified => Failure == ApiFailure.DomainAlreadyVerified;
        public bool IsDomainAlreadyExists => Failure == ApiFailure.DomainAlreadyExists;
        public bool IsNotFound => Failure == ApiFailure.NotFound;
    }
}
