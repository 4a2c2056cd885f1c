using System;
using System.Net;
using WorkOSDomains.Engine.Validation;

namespace WorkOSDomains.Engine.Api
{
    /// <summary>How a <see cref="WorkOSClient"/> talks to the API. Validated by <see cref="Validate"/>.</summary>
    public sealed class WorkOSClientOptions
    {
        public static readonly Uri DefaultBaseUri = new Uri("https://api.workos.com/");

        public ApiKey? ApiKey { get; set; }
        public Uri BaseUri { get; set; } = DefaultBaseUri;

        /// <summary>Retries after the first attempt for transient failures (408, 429, 5xx, timeouts, resets).</summary>
        public int MaxRetries { get; set; } = 3;

        /// <summary>How long one attempt (headers and body) may take.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// How long one call may take, every attempt and every wait between them together; an
        /// attempt still under way then stops, and no retry starts that could not finish in time.
        /// </summary>
        public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>
        /// The largest response body read, counted after decompression (16 MB). WorkOS answers are
        /// kilobytes; a larger one fails at once instead of filling memory, and is not retried.
        /// </summary>
        public int MaxResponseBytes { get; set; } = 16 * 1024 * 1024;

        /// <summary>First backoff step; each retry doubles it, with full jitter, up to <see cref="RetryMaxDelay"/>.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
        public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Client-side limit shared by every client using the same key (WorkOS allows 6,000 per 60 s).</summary>
        public int RateLimitRequests { get; set; } = 6000;
        public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Product and platform appended to the User-Agent, e.g. "PowerShell 7.6.9; Linux".</summary>
        public string? UserAgentComment { get; set; }

        /// <summary>Called after every attempt; never receives the key or any header.</summary>
        public Action<HttpDiagnostic>? Diagnostics { get; set; }

        /// <summary>Throws ArgumentException naming the option and the fix; makes no request.</summary>
        public void Validate()
        {
            if (ApiKey == null) throw new InvalidInputException(nameof(ApiKey), null, "is missing", "Give the secret key (it starts with 'sk_'), connect first, or set WORKOS_API_KEY.");
            ValidateBaseUri(BaseUri);
            if (MaxRetries < 0 || MaxRetries > 10) throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "MaxRetries must be between 0 and 10.");
            if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "RequestTimeout must be positive.");
            if (TotalTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(TotalTimeout), TotalTimeout, "TotalTimeout must be positive.");
            if (MaxResponseBytes < 1024) throw new ArgumentOutOfRangeException(nameof(MaxResponseBytes), MaxResponseBytes, "MaxResponseBytes must be at least 1024.");
            if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay) throw new ArgumentOutOfRangeException(nameof(RetryMaxDelay), RetryMaxDelay, "RetryMaxDelay must be at least RetryBaseDelay, and neither negative.");
            if (RateLimitRequests < 1) throw new ArgumentOutOfRangeException(nameof(RateLimitRequests), RateLimitRequests, "RateLimitRequests must be at least 1.");
            if (RateLimitWindow <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RateLimitWindow), RateLimitWindow, "RateLimitWindow must be positive.");
        }

        /// <summary>HTTPS only, except loopback (the local emulator): a key must never cross a network in clear text.</summary>
        public static void ValidateBaseUri(Uri? uri)
        {
            // A user name or password in the address would show wherever the address is shown.
            bool userInfo = uri != null && (uri.IsAbsoluteUri ? uri.UserInfo.Length > 0 : uri.OriginalString.Contains("@"));
            if (uri == null || (!uri.IsAbsoluteUri && !userInfo))
                throw new InvalidInputException("BaseUri", uri?.OriginalString, "is not an absolute URI", "Give one such as https://api.workos.com.");
            if (userInfo)
                throw new InvalidInputException("BaseUri", null, "contains a user name or password", "Remove the 'user:password@' part; WorkOS authenticates with the API key only.");
            bool loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? ip) && IPAddress.IsLoopback(ip));
            if (uri.Scheme == Uri.UriSchemeHttps) return;
            if (uri.Scheme == Uri.UriSchemeHttp && loopback) return;
            throw new InvalidInputException("BaseUri", uri.GetLeftPart(UriPartial.Authority), "is refused", "The API key is only sent over https (plain http only to a loopback address, such as the local emulator).");
        }
    }
}
