using System;

namespace WorkOSDomains.Engine.Webhooks
{
    /// <summary>Why a webhook request was refused.</summary>
    public enum WebhookProblem
    {
        /// <summary>The signature matches and the request is recent.</summary>
        None,
        /// <summary>No WorkOS-Signature header.</summary>
        MissingHeader,
        /// <summary>A header without a readable timestamp and at least one v1 signature.</summary>
        MalformedHeader,
        /// <summary>No v1 signature matches: the body was changed, or the secret is another one.</summary>
        SignatureMismatch,
        /// <summary>Signed longer ago than the tolerance: possibly a replay.</summary>
        TooOld,
        /// <summary>Signed further in the future than the tolerance: a clock is wrong.</summary>
        TooNew,
    }

    /// <summary>The outcome of a webhook signature check. Carries no secret and no signature.</summary>
    public sealed class WebhookCheck
    {
        internal WebhookCheck(WebhookProblem problem, DateTimeOffset? signedAt, TimeSpan tolerance, DateTimeOffset checkedAt)
        {
            Problem = problem;
            SignedAt = signedAt;
            Tolerance = tolerance;
            CheckedAt = checkedAt;
        }

        public WebhookProblem Problem { get; }
        public bool IsValid => Problem == WebhookProblem.None;
        /// <summary>The header's timestamp, when it could be read.</summary>
        public DateTimeOffset? SignedAt { get; }
        public TimeSpan Tolerance { get; }
        public DateTimeOffset CheckedAt { get; }

        /// <summary>How long before the check the request was signed; negative when signed "in the future".</summary>
        public TimeSpan? Age => SignedAt.HasValue ? CheckedAt - SignedAt.Value : (TimeSpan?)null;

        public override string ToString() => Problem.ToString();
    }

    /// <summary>A webhook request whose signature was refused; nothing of its body was read.</summary>
    public sealed class WebhookSignatureException : Exception
    {
        public WebhookSignatureException(WebhookCheck check)
            : base($"The webhook request was refused: {check.Problem}.") => Check = check;

        public WebhookCheck Check { get; }
    }
}
