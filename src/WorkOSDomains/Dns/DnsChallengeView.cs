using System;
using System.Text;
using System.Text.RegularExpressions;

namespace WorkOSDomains.Dns
{
    /// <summary>
    /// The default view of a DNS check (WorkOSDomains.format.ps1xml): the verdict, then each finding
    /// and its fix as a paragraph, wrapped at word boundaries with a hanging indent. PowerShell's
    /// own wrapping cuts words at the window edge and loses the indent, so the view wraps first.
    /// </summary>
    public static class DnsChallengeView
    {
        private const string FindingIndent = "          "; // under the text after "  Severity "
        private const int NarrowestWidth = 40;

        /// <param name="width">The host's width in columns; 0 keeps every line whole (a host without a window).</param>
        public static string Render(DnsChallengeResult result, int width)
        {
            if (result == null) throw new ArgumentNullException(nameof(result));
            // Stay one column short of the edge: a line that fills it exactly wraps in some consoles.
            int limit = width <= 0 ? int.MaxValue : Math.Max(width, NarrowestWidth) - 1;
            var text = new StringBuilder();
            string zone = result.Zone == null ? "" : $"  (zone {result.Zone}, servers asked: {result.Servers.Count})";
            Wrap(text, "", $"{result.Domain}  {result.Status.ToString().ToUpperInvariant()}  {result.RecordName}{zone}", "    ", limit);
            foreach (DnsFinding finding in result.Findings)
            {
                Wrap(text, $"  {finding.Severity,-7} ", finding.Code + ": " + finding.Message, FindingIndent, limit);
                if (finding.Fix.Length > 0) Wrap(text, FindingIndent + "Fix: ", finding.Fix, FindingIndent + "     ", limit);
            }
            return text.ToString();
        }

        /// <summary>
        /// Appends the head and the body's words in lines of at most <paramref name="limit"/>,
        /// broken at spaces; lines after the first start with the indent.
        /// </summary>
        private static void Wrap(StringBuilder text, string head, string body, string indent, int limit)
        {
            if (head.Length + body.Length <= limit)
            {
                text.Append(head).Append(body).Append(Environment.NewLine);
                return;
            }
            var line = new StringBuilder(head);
            string gap = ""; // the spaces after the previous word, kept as written within a line
            foreach (Match word in Words.Matches(body))
            {
                string w = word.Groups[1].Value;
                // A word longer than a whole line stays whole: cutting it would change what it says.
                if (gap.Length > 0 && line.Length + gap.Length + w.Length > limit)
                {
                    text.Append(line).Append(Environment.NewLine);
                    line.Clear().Append(indent);
                    gap = "";
                }
                line.Append(gap).Append(w);
                gap = word.Groups[2].Value;
            }
            text.Append(line).Append(Environment.NewLine);
        }

        private static readonly Regex Words = new Regex(@"(\S+)(\s*)");
    }
}
