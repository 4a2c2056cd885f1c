using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace WorkOSDomains.Engine.Dns
{
    /// <summary>How close the best TXT record at a name came to the token, best first.</summary>
    internal enum MatchLevel
    {
        Exact,
        Whitespace,
        Quoted,
        PrefixMismatch,
        CaseMismatch,
        SplitRecords,
        None,
    }

    internal sealed class MatchResult
    {
        internal MatchLevel Level = MatchLevel.None;
        /// <summary>Token or Prefixed (verification_token=...), for an exact match.</summary>
        internal string? Form;
        /// <summary>The record that came closest, as its joined strings.</summary>
        internal string? Closest;
        /// <summary>For PrefixMismatch: what stood in front of the token.</summary>
        internal string? FoundPrefix;
        internal int RecordCount;
        /// <summary>The matching record had several character-strings.</summary>
        internal bool SplitStrings;
    }

    /// <summary>
    /// Compares the TXT records at a name with the token by a ladder, reporting the first level
    /// that matched: exact (after joining each record's strings with ""), after trimming, after
    /// removing literal quotes and backslash escapes, with a foreign prefix, ignoring case.
    /// </summary>
    internal static class ValueMatcher
    {
        internal const string PrefixedForm = "verification_token=";

        internal static MatchResult Match(string token, IReadOnlyList<string[]> records)
        {
            var best = new MatchResult { RecordCount = records.Count };
            foreach (string[] strings in records)
            {
                string joined = string.Concat(strings);
                MatchResult candidate = MatchOne(token, joined);
                candidate.SplitStrings = strings.Length > 1;
                if (candidate.Level < best.Level || best.Closest == null)
                {
                    candidate.RecordCount = records.Count;
                    best = candidate;
                }
            }
            if (best.Level != MatchLevel.Exact && records.Count > 1 && JoinsIntoToken(token, records))
                best = new MatchResult { Level = MatchLevel.SplitRecords, RecordCount = records.Count, Closest = best.Closest };
            return best;
        }

        private static MatchResult MatchOne(string token, string value)
        {
            var result = new MatchResult { Closest = value };
            string? form = FormOf(token, value, StringComparison.Ordinal);
            if (form != null) { result.Level = MatchLevel.Exact; result.Form = form; return result; }

            string trimmed = value.Trim();
            if (FormOf(token, trimmed, StringComparison.Ordinal) != null) { result.Level = MatchLevel.Whitespace; return result; }

            string unquoted = Unquote(trimmed);
            if (FormOf(token, unquoted, StringComparison.Ordinal) != null) { result.Level = MatchLevel.Quoted; return result; }

            if (unquoted.EndsWith(token, StringComparison.Ordinal) && unquoted.Length > token.Length)
            {
                result.Level = MatchLevel.PrefixMismatch;
                result.FoundPrefix = unquoted.Substring(0, unquoted.Length - token.Length);
                return result;
            }
            if (FormOf(token, unquoted, StringComparison.OrdinalIgnoreCase) != null) { result.Level = MatchLevel.CaseMismatch; return result; }
            return result;
        }

        private static string? FormOf(string token, string value, StringComparison comparison) =>
            string.Equals(value, token, comparison) ? "Token"
            : string.Equals(value, PrefixedForm + token, comparison) ? "Prefixed"
            : null;

        /// <summary>Removes surrounding quotes (straight or curly) and backslash escapes, as a UI may have stored them.</summary>
        internal static string Unquote(string value)
        {
            string v = value.Trim();
            while (v.Length >= 2 && IsQuote(v[0]) && IsQuote(v[v.Length - 1])) v = v.Substring(1, v.Length - 2).Trim();
            var sb = new StringBuilder(v.Length);
            for (int i = 0; i < v.Length; i++)
            {
                if (v[i] == '\\' && i + 1 < v.Length) i++;
                sb.Append(v[i]);
            }
            return sb.ToString();
        }

        private static bool IsQuote(char c) => c == '"' || c == '\'' || c == '\u201c' || c == '\u201d';

        /// <summary>True when the records, in some order, concatenate to the token (it was split across records).</summary>
        private static bool JoinsIntoToken(string token, IReadOnlyList<string[]> records)
        {
            if (records.Count > 5) return false; // 120 orders at most
            var values = records.Select(strings => string.Concat(strings)).ToList();
            if (values.Sum(v => v.Length) != token.Length) return false;
            return Permutations(values).Any(order => string.Concat(order) == token);
        }

        private static IEnumerable<List<string>> Permutations(List<string> items)
        {
            if (items.Count <= 1)
            {
                yield return items;
                yield break;
            }
            for (int i = 0; i < items.Count; i++)
            {
                var rest = new List<string>(items);
                rest.RemoveAt(i);
                foreach (List<string> tail in Permutations(rest))
                {
                    tail.Insert(0, items[i]);
                    yield return tail;
                }
            }
        }
    }
}
