using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace WorkOSDomains.TestHosts
{
    /// <summary>
    /// What a host harness saw, written as one line of JSON for the Pester tests to judge. The
    /// harness loads no JSON library of its own: any copy of System.Text.Json or Newtonsoft in
    /// the host process would change the very thing under test.
    /// </summary>
    internal sealed class Report
    {
        private readonly SortedDictionary<string, object?> _values = new SortedDictionary<string, object?>(StringComparer.Ordinal);

        internal object? this[string key]
        {
            set => _values[key] = value;
        }

        internal string ToJson()
        {
            var text = new StringBuilder();
            Write(text, _values);
            return text.ToString();
        }

        private static void Write(StringBuilder text, object? value)
        {
            switch (value)
            {
                case null:
                    text.Append("null");
                    break;
                case string s:
                    WriteString(text, s);
                    break;
                case bool b:
                    text.Append(b ? "true" : "false");
                    break;
                case int or long or double:
                    text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
                case Report r:
                    Write(text, r._values);
                    break;
                case IDictionary dictionary:
                    text.Append('{');
                    bool first = true;
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        if (!first) text.Append(',');
                        first = false;
                        WriteString(text, Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                        text.Append(':');
                        Write(text, entry.Value);
                    }
                    text.Append('}');
                    break;
                case IEnumerable items:
                    text.Append('[');
                    bool firstItem = true;
                    foreach (object? item in items)
                    {
                        if (!firstItem) text.Append(',');
                        firstItem = false;
                        Write(text, item);
                    }
                    text.Append(']');
                    break;
                default:
                    WriteString(text, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                    break;
            }
        }

        private static void WriteString(StringBuilder text, string s)
        {
            text.Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': text.Append("\\\""); break;
                    case '\\': text.Append("\\\\"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\r': text.Append("\\r"); break;
                    case '\t': text.Append("\\t"); break;
                    default:
                        if (c < ' ') text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else text.Append(c);
                        break;
                }
            }
            text.Append('"');
        }
    }

    /// <summary>A sorted string-keyed map, for nested report sections.</summary>
    internal sealed class Section : SortedDictionary<string, object?>
    {
        internal Section() : base(StringComparer.Ordinal)
        {
        }
    }
}
