using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace WorkOSDomains.Engine.Api.Http
{
    /// <summary>
    /// Takes credentials out of text a server sent, before the client keeps any of it: the
    /// connection's own key (also JSON- or URL-escaped) and anything shaped like a WorkOS secret
    /// key (sk_test_..., sk_live_...) everywhere; in error text also the value of any
    /// Authorization header or Bearer token. A server that echoes the request headers then cannot
    /// put the key into a message, a transcript or an exported error. Data (a 2xx body) keeps
    /// its words: an organization named "Standard Bearer" stays so.
    /// </summary>
    internal sealed class Redactor
    {
        /// <summary>One byte per character and back again, so a body is searched without being re-encoded.</summary>
        private static readonly Encoding Latin1 = Encoding.GetEncoding(28591);

        private readonly Regex _secrets;
        private readonly Regex _everything;
        private readonly MatchEvaluator _replace;
        private readonly int _keyLength;

        internal Redactor(ApiKey key)
        {
            string secret = key.Reveal();
            string shown = key.ToString();
            _keyLength = secret.Length;
            string secrets = "(?<own>" + string.Concat(secret.Select(AnySpelling)) + ")"
                + @"|(?<prefix>sk_(?:test|live)_)[A-Za-z0-9._~+/=-]+";
            _secrets = new Regex(secrets, RegexOptions.CultureInvariant);
            _everything = new Regex(secrets
                + @"|(?<auth>(?i:authorization)\\?[""']?\s*[:=]\s*\\?[""']?)[^""'\\\r\n]+"
                + @"|(?<bearer>(?i:bearer))\s+[^\s""'\\,;<>&]+",
                RegexOptions.CultureInvariant);
            _replace = m =>
                m.Groups["own"].Success ? shown
                : m.Groups["auth"].Success ? m.Groups["auth"].Value + "***"
                : m.Groups["bearer"].Success ? m.Groups["bearer"].Value + " ***"
                : m.Groups["prefix"].Value + "***";
        }

        /// <summary>Error text with every credential replaced; the same instance when there was none.</summary>
        internal string Clean(string text) => _everything.Replace(text, _replace);

        /// <summary>
        /// A body with every credential replaced (in data, only keys: see the class summary). A
        /// UTF-16 or UTF-32 body is searched as the text it is and comes back as UTF-8
        /// (<paramref name="utf8"/> is then true); any other body keeps every byte but the credentials.
        /// </summary>
        internal ArraySegment<byte> Clean(byte[] body, int count, string? charset, bool isError, out bool utf8)
        {
            Regex pattern = isError ? _everything : _secrets;
            Encoding? wide = WideEncoding(charset, body, count);
            utf8 = wide != null;
            if (wide != null) return new ArraySegment<byte>(Encoding.UTF8.GetBytes(pattern.Replace(wide.GetString(body, 0, count).TrimStart('\uFEFF'), _replace)));
            string text = Latin1.GetString(body, 0, count);
            string clean = pattern.Replace(text, _replace);
            return ReferenceEquals(clean, text) ? new ArraySegment<byte>(body, 0, count) : new ArraySegment<byte>(Latin1.GetBytes(clean));
        }

        /// <summary>The encoding of a body whose characters are not single bytes (UTF-16, UTF-32), from its charset or byte order mark; else null.</summary>
        private static Encoding? WideEncoding(string? charset, byte[] body, int count)
        {
            string name = (charset ?? "").Trim('"', ' ').ToLowerInvariant();
            if (name.StartsWith("utf-16") || name.StartsWith("utf-32") || name == "unicode")
            {
                try { return Encoding.GetEncoding(name); } catch (ArgumentException) { }
            }
            if (count >= 2 && body[0] == 0xFF && body[1] == 0xFE) return Encoding.Unicode;
            if (count >= 2 && body[0] == 0xFE && body[1] == 0xFF) return Encoding.BigEndianUnicode;
            // Undeclared UTF-16 still shows: ASCII text in it has a zero in every other byte.
            int sample = Math.Min(count, 512) & ~1, zerosEven = 0, zerosOdd = 0;
            for (int i = 0; i < sample; i += 2)
            {
                if (body[i] == 0) zerosEven++;
                if (body[i + 1] == 0) zerosOdd++;
            }
            int pairs = sample / 2;
            if (pairs >= 4 && zerosOdd * 2 > pairs && zerosEven == 0) return Encoding.Unicode;
            if (pairs >= 4 && zerosEven * 2 > pairs && zerosOdd == 0) return Encoding.BigEndianUnicode;
            return null;
        }

        /// <summary>
        /// Cleaned and cut to <paramref name="limit"/> characters. Only the start is searched, but
        /// far enough past the cut that a key starting before it is found whole.
        /// </summary>
        internal string? Keep(string? text, int limit)
        {
            if (text == null) return null;
            int window = limit + _keyLength + 64;
            return ErrorParser.Truncate(Clean(text.Length > window ? text.Substring(0, window) : text), limit);
        }

        /// <summary>A character as written, JSON-escaped (\u0073) or URL-escaped (%73).</summary>
        private static string AnySpelling(char c)
        {
            int code = c;
            string spellings = Regex.Escape(c.ToString())
                + "|(?i:\\\\u" + code.ToString("x4", CultureInfo.InvariantCulture) + ")"
                + (code < 0x80 ? "|(?i:%" + code.ToString("x2", CultureInfo.InvariantCulture) + ")" : "");
            if (c == '/' || c == '"' || c == '\\') spellings += "|\\\\" + Regex.Escape(c.ToString());
            return "(?:" + spellings + ")";
        }
    }
}
