using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace WorkOSDomains.Engine.Api.Http
{
    /// <summary>
    /// Takes credentials out of text a server sent, before the client keeps any of it: the
    /// connection's own key (also JSON- or URL-escaped), the value of any Authorization header or
    /// Bearer token, and anything shaped like a WorkOS secret key (sk_test_..., sk_live_...).
    /// A server that echoes the request headers then cannot put the key into a message, a
    /// transcript or an exported error.
    /// </summary>
    internal sealed class Redactor
    {
        /// <summary>One byte per character and back again, so a body is searched without being re-encoded.</summary>
        private static readonly Encoding Latin1 = Encoding.GetEncoding(28591);

        private readonly Regex _pattern;
        private readonly MatchEvaluator _replace;
        private readonly int _keyLength;

        internal Redactor(ApiKey key)
        {
            string secret = key.Reveal();
            string shown = key.ToString();
            _keyLength = secret.Length;
            _pattern = new Regex(
                "(?<own>" + string.Concat(secret.Select(AnySpelling)) + ")"
                + @"|(?<auth>(?i:authorization)\\?[""']?\s*[:=]\s*\\?[""']?)[^""'\\\r\n]+"
                + @"|(?<bearer>(?i:bearer))\s+[^\s""'\\,;<>&]+"
                + @"|(?<prefix>sk_(?:test|live)_)[A-Za-z0-9._~+/=-]+",
                RegexOptions.CultureInvariant);
            _replace = m =>
                m.Groups["own"].Success ? shown
                : m.Groups["auth"].Success ? m.Groups["auth"].Value + "***"
                : m.Groups["bearer"].Success ? m.Groups["bearer"].Value + " ***"
                : m.Groups["prefix"].Value + "***";
        }

        /// <summary>The text with every credential replaced; the same instance when there was none.</summary>
        internal string Clean(string text) => _pattern.Replace(text, _replace);

        /// <summary>A body with every credential replaced; bytes other than the credentials stay as they were.</summary>
        internal ArraySegment<byte> Clean(byte[] body, int count)
        {
            string text = Latin1.GetString(body, 0, count);
            string clean = Clean(text);
            return ReferenceEquals(clean, text) ? new ArraySegment<byte>(body, 0, count) : new ArraySegment<byte>(Latin1.GetBytes(clean));
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
