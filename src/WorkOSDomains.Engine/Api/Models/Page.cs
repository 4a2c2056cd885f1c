using System.Collections.Generic;

namespace WorkOSDomains.Engine.Api.Models
{
    /// <summary>One page of a cursor-paginated list.</summary>
    public sealed class Page<T>
    {
        public Page(IReadOnlyList<T> items, string? before, string? after)
        {
            Items = items;
            Before = before;
            After = after;
        }

        public IReadOnlyList<T> Items { get; }
        public string? Before { get; }
        /// <summary>Cursor for the next page; null on the last page.</summary>
        public string? After { get; }
    }
}
