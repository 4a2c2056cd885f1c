using System;
using System.Linq;
using WorkOSDomains.Engine.Validation;

namespace WorkOSDomains.Engine.Api
{
    /// <summary>
    /// A WorkOS secret key. Checked for shape before any request, and never printed: ToString
    /// shows only the environment prefix.
    /// </summary>
    public sealed class ApiKey
    {
        /// <summary>The longest key accepted: WorkOS keys have about 70 characters.</summary>
        public const int MaxLength = 512;

        private readonly string _value;

        private ApiKey(string value) => _value = value;

        /// <summary>Validates the shape of a key and explains what is wrong without echoing it.</summary>
        public static ApiKey Parse(string? value, string field = "ApiKey")
        {
            InvalidInputException Bad(string problem, string fix) => new InvalidInputException(field, null, problem, fix);
            string trimmed = (value ?? string.Empty).Trim();
            if (trimmed.Length == 0)
                throw Bad("is empty", "Give the secret key (it starts with 'sk_'), connect first, or set WORKOS_API_KEY.");
            if (trimmed.StartsWith("pk_", StringComparison.Ordinal))
                throw Bad("is a publishable key (pk_...)", "The WorkOS API needs a secret key starting with 'sk_' from the dashboard's API Keys page.");
            if (trimmed.StartsWith("client_", StringComparison.Ordinal))
                throw Bad("is a client ID (client_...), not an API key", "Use the secret key starting with 'sk_'.");
            if (!trimmed.StartsWith("sk_", StringComparison.Ordinal))
                throw Bad("does not look like a WorkOS secret key", "Secret keys start with 'sk_test_' (staging) or 'sk_live_' (production).");
            if (trimmed.Length > MaxLength)
                throw Bad($"is longer than {MaxLength} characters, and WorkOS secret keys are far shorter", "Copy only the key from the WorkOS dashboard.");
            foreach (string environment in new[] { "sk_test", "sk_live" })
                if (trimmed.StartsWith(environment, StringComparison.Ordinal) && !trimmed.StartsWith(environment + "_", StringComparison.Ordinal))
                    throw Bad($"starts with '{environment}' but not '{environment}_'", "Copy the whole key again from the WorkOS dashboard; part of it was lost.");
            if (trimmed.Any(c => c < 0x21 || c > 0x7e))
                throw Bad("contains a space, a control character or a non-ASCII character", "Copy the key again from the WorkOS dashboard.");
            string secret = trimmed.StartsWith("sk_test_", StringComparison.Ordinal) || trimmed.StartsWith("sk_live_", StringComparison.Ordinal) ? trimmed.Substring(8) : trimmed.Substring(3);
            if (secret.Length == 0)
                throw Bad("has no secret part after its prefix", "Copy the whole key from the WorkOS dashboard.");
            return new ApiKey(trimmed);
        }

        /// <summary>"staging" for sk_test_ keys, "production" for sk_live_, otherwise "unknown".</summary>
        public string Environment =>
            _value.StartsWith("sk_test_", StringComparison.Ordinal) ? "staging"
            : _value.StartsWith("sk_live_", StringComparison.Ordinal) ? "production"
            : "unknown";

        internal string Reveal() => _value;

        /// <summary>A stable, non-reversible id of the key, for sharing per-key state such as the rate limit.</summary>
        public string Fingerprint()
        {
            using var sha = System.Security.Cryptography.SHA256.Create();
            byte[] hash = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(_value));
            return BitConverter.ToString(hash, 0, 12).Replace("-", string.Empty);
        }

        public override string ToString() => _value.StartsWith("sk_test_", StringComparison.Ordinal) ? "sk_test_***" : _value.StartsWith("sk_live_", StringComparison.Ordinal) ? "sk_live_***" : "sk_***";
    }
}
