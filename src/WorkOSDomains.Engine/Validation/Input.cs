using System;
using System.Globalization;
using System.Linq;

namespace WorkOSDomains.Engine.Validation
{
    /// <summary>
    /// Checks user input before any request, with messages that name the parameter and the fix.
    /// Everything here throws ArgumentException (or a subclass) and nothing else.
    /// </summary>
    public static class Input
    {
        private static readonly IdnMapping Idn = new IdnMapping();

        /// <summary>
        /// Normalizes a domain name: trimmed, lower case, trailing dot removed, Unicode converted to
        /// its xn-- form. Rejects URLs, e-mail addresses, wildcards and malformed labels.
        /// </summary>
        public static string DomainName(string? value, string parameterName = "Domain")
        {
            string name = (value ?? "").Trim();
            if (name.Length == 0)
                throw new ArgumentException($"-{parameterName} is empty. Pass a domain name such as example.com.", parameterName);
            if (name.Contains("://") || name.Contains('/'))
                throw new ArgumentException($"-{parameterName} '{name}' looks like a URL. Pass only the domain name, e.g. '{HostOf(name)}'.", parameterName);
            if (name.Contains('@'))
                throw new ArgumentException($"-{parameterName} '{name}' looks like an e-mail address. Pass only the part after '@', e.g. '{name.Substring(name.LastIndexOf('@') + 1)}'.", parameterName);
            if (name.StartsWith("*.", StringComparison.Ordinal))
                throw new ArgumentException($"-{parameterName} '{name}' is a wildcard. Claim the domain itself, e.g. '{name.Substring(2)}'.", parameterName);
            if (name.Any(char.IsWhiteSpace))
                throw new ArgumentException($"-{parameterName} '{name}' is not a valid domain name: it contains a space.", parameterName);
            if (name.EndsWith(".", StringComparison.Ordinal)) name = name.Substring(0, name.Length - 1);

            foreach (string label in name.Split('.'))
            {
                if (label.Length == 0)
                    throw new ArgumentException($"-{parameterName} '{name}' is not a valid domain name: it has an empty label (two dots in a row, or a leading dot).", parameterName);
                if (label[0] == '-' || label[label.Length - 1] == '-')
                    throw new ArgumentException($"-{parameterName} '{name}' is not a valid domain name: label '{label}' starts or ends with a hyphen.", parameterName);
            }

            string ascii;
            try
            {
                ascii = Idn.GetAscii(name).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                throw new ArgumentException($"-{parameterName} '{name}' is not a valid domain name: it contains a character not allowed in host names.", parameterName);
            }

            string[] labels = ascii.Split('.');
            if (labels.Length < 2)
                throw new ArgumentException($"-{parameterName} '{name}' has no dot. Pass a full domain name such as '{name}.com'.", parameterName);
            if (ascii.Length > 253)
                throw new ArgumentException($"-{parameterName} is {ascii.Length} characters long; a domain name has at most 253.", parameterName);
            foreach (string label in labels)
            {
                if (label.Length > 63 || !label.All(c => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
                    throw new ArgumentException($"-{parameterName} '{name}' is not a valid domain name: label '{label}' must be 1-63 letters, digits or hyphens.", parameterName);
            }
            return ascii;
        }

        /// <summary>A WorkOS object id: non-empty, no spaces or slashes, optionally with the expected prefix.</summary>
        public static string Id(string? value, string parameterName, string? expectedPrefix = null)
        {
            string id = (value ?? "").Trim();
            if (id.Length == 0)
                throw new ArgumentException($"-{parameterName} is empty. Pass the WorkOS id{(expectedPrefix == null ? "" : $" (it starts with '{expectedPrefix}')")}.", parameterName);
            if (id.Any(c => char.IsWhiteSpace(c) || c == '/' || c == '?' || c == '#' || char.IsControl(c)))
                throw new ArgumentException($"-{parameterName} '{id}' contains a space, '/', '?' or '#', which a WorkOS id never does.", parameterName);
            if (expectedPrefix != null && !id.StartsWith(expectedPrefix, StringComparison.Ordinal))
                throw new ArgumentException($"-{parameterName} '{id}' is not {Article(expectedPrefix)} id: WorkOS ids of this kind start with '{expectedPrefix}'.", parameterName);
            return id;
        }

        /// <summary>A page size for list calls.</summary>
        public static int Limit(int value, string parameterName = "PageSize")
        {
            if (value < 1 || value > 100)
                throw new ArgumentOutOfRangeException(parameterName, value, $"-{parameterName} must be between 1 and 100.");
            return value;
        }

        /// <summary>An absolute http(s) URL, for return and success URLs.</summary>
        public static Uri? AbsoluteUrl(string? value, string parameterName)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (!Uri.TryCreate(value!.Trim(), UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw new ArgumentException($"-{parameterName} '{value}' is not an absolute http(s) URL such as https://app.example.com/settings.", parameterName);
            return uri;
        }

        private static string HostOf(string url) =>
            Uri.TryCreate(url.Contains("://") ? url : "https://" + url, UriKind.Absolute, out Uri? u) ? u.Host : "example.com";

        private static string Article(string prefix) => prefix.StartsWith("org_domain", StringComparison.Ordinal) ? "an organization domain" : prefix.StartsWith("org", StringComparison.Ordinal) ? "an organization" : "a matching";
    }
}
