namespace WorkOSDomains
{
    /// <summary>
    /// The closed set of error ids this module writes (FullyQualifiedErrorId starts with one of
    /// them). Documented in about_WorkOSDomains; a test keeps the two in step. Runbooks can test
    /// for one: <c>$_.FullyQualifiedErrorId -like "$([WorkOSDomains.ErrorIds]::NotFound),*"</c>.
    /// </summary>
    public static class ErrorIds
    {
        /// <summary>Input refused before any request.</summary>
        public const string InvalidArgument = "WorkOS.InvalidArgument";
        /// <summary>401: the key is wrong or of another environment.</summary>
        public const string Unauthorized = "WorkOS.Unauthorized";
        /// <summary>403: the key may not do this.</summary>
        public const string Forbidden = "WorkOS.Forbidden";
        public const string NotFound = "WorkOS.NotFound";
        /// <summary>The domain is claimed already (by this organization or another one).</summary>
        public const string DomainAlreadyExists = "WorkOS.DomainAlreadyExists";
        /// <summary>Another conflict with existing data, such as an external id in use.</summary>
        public const string Conflict = "WorkOS.Conflict";
        /// <summary>400 or 422: WorkOS refused the request as invalid.</summary>
        public const string RequestRejected = "WorkOS.RequestRejected";
        /// <summary>429 after every retry.</summary>
        public const string RateLimited = "WorkOS.RateLimited";
        /// <summary>5xx after every retry.</summary>
        public const string ServerError = "WorkOS.ServerError";
        /// <summary>No answer after every retry: timeouts, resets, refused connections.</summary>
        public const string NoResponse = "WorkOS.NoResponse";
        /// <summary>An answer the module cannot use: a redirect, a body of the wrong shape or size, a list that never ends.</summary>
        public const string UnexpectedResponse = "WorkOS.UnexpectedResponse";
        /// <summary>The DNS pre-check found the record missing or wrong, so verification was not started.</summary>
        public const string DnsNotReady = "WorkOS.DnsNotReady";
        /// <summary>WorkOS marked the domain as failed.</summary>
        public const string VerificationFailed = "WorkOS.VerificationFailed";
        /// <summary>The domain was still not verified when -Timeout ran out.</summary>
        public const string VerificationTimedOut = "WorkOS.VerificationTimedOut";
        /// <summary>A DNS check could not run to the end.</summary>
        public const string DnsCheckFailed = "WorkOS.DnsCheckFailed";
        /// <summary>A webhook request whose WorkOS-Signature is missing, wrong or out of date: never acted on.</summary>
        public const string SignatureInvalid = "WorkOS.SignatureInvalid";
        /// <summary>A failure the module did not foresee; please report it.</summary>
        public const string Unexpected = "WorkOS.Unexpected";
    }
}
