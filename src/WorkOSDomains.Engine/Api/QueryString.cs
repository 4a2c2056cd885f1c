using System;
using System.Text;

namespace WorkOSDomains.Engine.Api
{
    /// <summary>Builds "?a=1&amp;b=2", escaping values and skipping nulls.</summary>
    internal sealed class QueryString
    {
        private readonly StringBuilder _text = new StringBuilder();

        internal QueryString Add(string name, string? value)
        {
            if (value == null) return this;
            _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            return this;
        }

        public override string ToString() => _text.ToString();
    }
}
