using System;
using System.Linq;
using WorkOSDomains.Engine.Validation;

namespace WorkOSDomains.Engine.Dns
{
    /// <summary>
    /// What to look for: the token for a domain, at {prefix}.{domain}. Without a prefix from the
    /// API the seeds' _workos-challenge is expected, with the bare apex as the fallback that
    /// current WorkOS docs show; the result says which one it used.
    /// </summary>
    public sealed class DnsChallenge
    {
        public const string DefaultPrefix = OrganizationDomain.DefaultVerificationPrefix;

        private DnsChallenge(string inputDomain, string domain, string token, string? prefix, bool apexOnly)
        {
            InputDomain = inputDomain;
            Domain = domain;
            Token = token;
            Prefix = prefix;
            RecordName = apexOnly ? domain : (prefix ?? DefaultPrefix) + "." + domain;
            RecordNameSource = apexOnly ? $"the apex: no prefix given, and {DefaultPrefix}.<domain> would be longer than a DNS name may be"
                : prefix == null ? $"no prefix given: the {DefaultPrefix} default, then the apex"
                : "the verification prefix from WorkOS";
        }

        /// <summary>The domain as given (may be Unicode).</summary>
        public string InputDomain { get; }
        /// <summary>The domain in its ASCII (xn--) form, lower case.</summary>
        public string Domain { get; }
        public string Token { get; }
        public string? Prefix { get; }
        public string RecordName { get; }
        public string RecordNameSource { get; }

        /// <summary>Validates and normalizes; throws InvalidInputException naming the input and the fix.</summary>
        public static DnsChallenge Create(string? domain, string? token, string? prefix)
        {
            string ascii = Input.DomainName(domain);
            string value = (token ?? "").Trim();
            if (value.Length == 0)
                throw new InvalidInputException("Token", null, "is empty", "Give the domain's verification token, as WorkOS returned it.");
            if (value.StartsWith(ValueMatcher.PrefixedForm, StringComparison.Ordinal)) value = value.Substring(ValueMatcher.PrefixedForm.Length);
            if (value.Any(c => char.IsWhiteSpace(c) || c == '"' || c == '\'' || char.IsControl(c)))
                throw new InvalidInputException("Token", token, "contains spaces or quotes", "Give the token exactly as WorkOS issued it, without quotes.");
            string? p = NormalizePrefix(prefix);
            string recordName = (p ?? DefaultPrefix) + "." + ascii;
            // Without a prefix the apex is the other place WorkOS documents: check there alone when the default name cannot exist.
            if (recordName.Length > MaxNameLength && p == null) return new DnsChallenge((domain ?? "").Trim(), ascii, value, null, apexOnly: true);
            if (recordName.Length > MaxNameLength)
                throw new InvalidInputException("Domain", domain, $"is too long for its verification record: {recordName.Substring(0, recordName.IndexOf('.'))}.<domain> would be {recordName.Length} characters, and a DNS name has at most {MaxNameLength}",
                    "No DNS record can verify this domain; check that the whole domain was given, and only once.");
            return new DnsChallenge((domain ?? "").Trim(), ascii, value, p, apexOnly: false);
        }

        private static string? NormalizePrefix(string? prefix)
        {
            string p = (prefix ?? "").Trim().Trim('.').ToLowerInvariant();
            if (p.Length == 0) return null;
            foreach (string label in p.Split('.'))
            {
                if (label.Length == 0 || label.Length > 63 || !label.All(c => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
                    throw new InvalidInputException("Prefix", prefix, "is not a DNS label", "Give the verification prefix WorkOS returned, such as 'workos-verify'.");
            }
            return p;
        }

        /// <summary>Whether a name fits DNS: at most 253 characters (255 octets on the wire), labels of 1 to 63.</summary>
        internal static bool IsValidName(string name) =>
            name.Length <= MaxNameLength && name.Split('.').All(label => label.Length > 0 && label.Length <= 63);

        private const int MaxNameLength = 253;

        public override string ToString() => $"{RecordName} TXT {Token}";
    }
}
