using System;
using System.Globalization;
using System.Linq;
using System.Net;

namespace WorkOSDomains.Engine.Validation
{
    /// <summary>
    /// Checks input before any request. Everything here throws <see cref="InvalidInputException"/>
    /// and nothing else.
    /// </summary>
    public static class Input
    {
        /// <summary>WorkOS object ids: a prefix such as org_ and a ULID; never longer than this.</summary>
        public const int MaxIdLength = 64;

        private static readonly IdnMapping Idn = new IdnMapping();

        /// <summary>
        /// Normalizes a domain name: trimmed, lower case, trailing dot removed, Unicode converted to
        /// its xn-- form. Refuses URLs, e-mail addresses, wildcards, IP addresses, single labels and
        /// malformed or over-long labels, quoting the value as given.
        /// </summary>
        public static string DomainName(string? value, string field = "Domain")
        {
            string given = value ?? "";
            InvalidInputException Bad(string problem, string fix) => new InvalidInputException(field, given, problem, fix);

            string name = given.Trim();
            if (name.Length == 0)
                throw new InvalidInputException(field, null, "is empty", "Give a domain name such as example.com.");
            if (name.Contains("://") || name.Contains('/'))
                throw Bad("looks like a URL", $"Give only the domain name, e.g. '{HostOf(name)}'.");
            if (name.Contains('@'))
                throw Bad("looks like an e-mail address", $"Give only the part after '@', e.g. '{name.Substring(name.LastIndexOf('@') + 1)}'.");
            if (name.Contains('*'))
                throw Bad("is a wildcard", $"Claim the domain itself, e.g. '{name.TrimStart('*', '.')}'.");
            if (name.Any(char.IsWhiteSpace))
                throw Bad("contains a space", "Give one domain name per value, such as example.com.");
            if (IPAddress.TryParse(name.Trim('[', ']'), out _))
                throw Bad("is an IP address", "Give the domain name, such as example.com; IP addresses cannot be verified.");
            if (name.Contains(':'))
                throw Bad("contains ':'", $"Give the domain name without a port, e.g. '{name.Substring(0, name.IndexOf(':'))}'.");
            if (name.EndsWith(".", StringComparison.Ordinal)) name = name.Substring(0, name.Length - 1);

            string[] labels = name.Split('.');
            foreach (string label in labels)
            {
                if (label.Length == 0)
                    throw Bad("has an empty label (two dots in a row, or a leading or trailing dot)", "Remove the extra dot.");
                if (label[0] == '-' || label[label.Length - 1] == '-')
                    throw Bad($"has the label '{label}', which starts or ends with a hyphen", "Check the spelling of the domain.");
                if (label.Length > 63)
                    throw Bad($"has a label of {label.Length} characters", "A label (the text between dots) has at most 63 characters.");
            }
            if (labels.Length < 2)
                throw Bad("has no dot", $"Give the full domain name, such as '{name}.com'.");
            if (name.Length > 253)
                throw Bad($"is {name.Length} characters long", "A domain name has at most 253.");

            string ascii;
            try
            {
                ascii = Idn.GetAscii(name).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                // Every character may be allowed and the name still fail IDNA: a broken xn-- label, a hyphen at a label's edge.
                string? broken = labels.FirstOrDefault(l => l.StartsWith("xn--", StringComparison.OrdinalIgnoreCase));
                if (broken != null)
                    throw Bad($"has the label '{broken}', which starts with 'xn--' but is not a valid encoded international name", "Type the international name itself (e.g. bücher.example), or copy its xn-- form again.");
                throw Bad("contains a character that a domain name cannot hold, or a hyphen at the start or end of a label", "Use letters, digits and hyphens, with no hyphen at either end of a label (international letters are converted).");
            }
            if (ascii.Length > 253)
                throw Bad($"is {ascii.Length} characters long in DNS form", "A domain name has at most 253 characters.");
            foreach (string label in ascii.Split('.'))
            {
                if (label.Length > 63)
                    throw Bad($"has a label of {label.Length} characters in DNS form", "A label has at most 63 characters.");
                if (!label.All(c => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
                    throw Bad($"has the label '{label}', with a character a domain name cannot hold", "Use letters, digits and hyphens.");
            }
            string tld = ascii.Substring(ascii.LastIndexOf('.') + 1);
            if (tld.All(char.IsDigit))
                throw Bad($"ends in '{tld}', and no top-level domain is a number", "Give a domain name such as example.com.");
            return ascii;
        }

        /// <summary>A WorkOS object id: the prefix (org_, org_domain_...), then letters and digits, at most 64 characters.</summary>
        public static string Id(string? value, string field, string prefix)
        {
            string id = (value ?? "").Trim();
            string kind = prefix.StartsWith("org_domain", StringComparison.Ordinal) ? "an organization domain id" : prefix.StartsWith("org", StringComparison.Ordinal) ? "an organization id" : "a WorkOS id";
            if (id.Length == 0)
                throw new InvalidInputException(field, null, "is empty", $"Give {kind}; it starts with '{prefix}'.");
            if (id.Length > MaxIdLength)
                throw new InvalidInputException(field, id, $"is {id.Length} characters long", $"WorkOS ids have at most {MaxIdLength}; check what was passed.");
            if (!id.StartsWith(prefix, StringComparison.Ordinal))
                throw new InvalidInputException(field, id, $"is not {kind}", $"Ids of this kind start with '{prefix}'.");
            // A domain's id begins with the organization prefix too: say what it is, not that it holds a bad character.
            if (prefix == "org_" && id.StartsWith("org_domain_", StringComparison.Ordinal))
                throw new InvalidInputException(field, id, "is an organization domain id (org_domain_...), not an organization id",
                    "Give the organization id, the domain's OrganizationId, instead.");
            if (id.Length == prefix.Length)
                throw new InvalidInputException(field, id, "is only the prefix", $"Give the whole id, such as '{prefix}01HXYZ...'.");
            if (!id.Skip(prefix.Length).All(c => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
                throw new InvalidInputException(field, id, "contains a character that WorkOS ids never hold", "Ids are the prefix followed by letters and digits; check for quotes, spaces or a pasted URL.");
            return id;
        }

        /// <summary>An external id: what the caller chose when creating the organization; 1 to 128 printable ASCII characters.</summary>
        public static string ExternalId(string? value, string field = "ExternalId")
        {
            string id = (value ?? "").Trim();
            if (id.Length == 0)
                throw new InvalidInputException(field, null, "is empty", "Give the external id the organization was created with.");
            if (id.Length > 128 || id.Any(c => c < 0x20 || c > 0x7e))
                throw new InvalidInputException(field, id, "is not 1 to 128 printable ASCII characters", "WorkOS accepts external ids of that form only.");
            return id;
        }

        /// <summary>A page size for list calls.</summary>
        public static int Limit(int value, string field = "PageSize")
        {
            if (value < 1 || value > 100)
                throw new InvalidInputException(field, value.ToString(CultureInfo.InvariantCulture), "is out of range", "Give 1 to 100.");
            return value;
        }

        /// <summary>An absolute http(s) URL, for return and success URLs.</summary>
        public static Uri? AbsoluteUrl(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (!Uri.TryCreate(value!.Trim(), UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw new InvalidInputException(field, value, "is not an absolute http(s) URL", "Give one such as https://app.example.com/settings.");
            return uri;
        }

        /// <summary>An e-mail address for the customer's IT contact.</summary>
        public static string Email(string? value, string field)
        {
            string email = (value ?? "").Trim();
            int at = email.IndexOf('@');
            if (at < 1 || at != email.LastIndexOf('@') || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || email.Length > 254)
                throw new InvalidInputException(field, value, "is not an e-mail address", "Give one such as it@example.com.");
            DomainName(email.Substring(at + 1), field);
            return email;
        }

        private static string HostOf(string url) =>
            Uri.TryCreate(url.Contains("://") ? url : "https://" + url, UriKind.Absolute, out Uri? u) && u.Host.Length > 0 ? u.Host : "example.com";
    }
}
