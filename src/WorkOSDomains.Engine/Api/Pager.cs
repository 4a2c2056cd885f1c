using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using WorkOSDomains.Engine.Api.Http;
using WorkOSDomains.Engine.Api.Models;

namespace WorkOSDomains.Engine.Api
{
    /// <summary>
    /// Walks a cursor-paged list one page at a time, following 'after' until it is null. Every
    /// list walk in the module goes through one, because a server decides when a list ends: a
    /// cursor that comes back a second time, or a run of empty pages that each bring a new cursor,
    /// would never end, so either stops the walk with an error that names the cursor.
    /// </summary>
    public sealed class Pager<T>
    {
        /// <summary>Empty pages in a row, each with a new cursor, after which the list is taken to be endless.</summary>
        public const int MaxEmptyPagesInARow = 5;

        private readonly Func<string?, CancellationToken, Task<Page<T>>> _fetch;
        private readonly string _path;
        private readonly HashSet<string> _cursorsSeen = new HashSet<string>(StringComparer.Ordinal);
        private string? _after;
        private int _emptyInARow;
        private int _pages;

        internal Pager(string path, string? firstCursor, Func<string?, CancellationToken, Task<Page<T>>> fetch)
        {
            _path = path;
            _after = firstCursor;
            _fetch = fetch;
            if (firstCursor != null) _cursorsSeen.Add(firstCursor);
        }

        /// <summary>False once a page came without an 'after' cursor.</summary>
        public bool HasMore { get; private set; } = true;

        /// <summary>The next page; throws a <see cref="WorkOSApiException"/> (UnexpectedResponse) when the list loops.</summary>
        public async Task<Page<T>> NextAsync(CancellationToken cancellationToken = default)
        {
            if (!HasMore) throw new InvalidOperationException("The list has no more pages.");
            Page<T> page = await _fetch(_after, cancellationToken).ConfigureAwait(false);
            _pages++;
            string? next = page.After;
            if (next != null)
            {
                if (!_cursorsSeen.Add(next))
                    throw Endless($"returned the cursor '{Shown(next)}' a second time, on page {_pages}");
                _emptyInARow = page.Items.Count == 0 ? _emptyInARow + 1 : 0;
                if (_emptyInARow >= MaxEmptyPagesInARow)
                    throw Endless($"returned {_emptyInARow} empty pages in a row, each with a new cursor (the last was '{Shown(next)}')");
            }
            _after = next;
            HasMore = next != null;
            return page;
        }

        /// <summary>Every item, fetched lazily one page at a time.</summary>
        internal IEnumerable<T> Items(CancellationToken cancellationToken)
        {
            while (HasMore)
            {
                Page<T> page = NextAsync(cancellationToken).RunSync();
                foreach (T item in page.Items) yield return item;
            }
        }

        private WorkOSApiException Endless(string what) =>
            ErrorParser.Unexpected("GET", _path, 200,
                $"WorkOS {what}, so the list would never end. The walk stopped; a proxy or a faulty server may be answering in place of WorkOS.",
                null, 1);

        private static string Shown(string cursor) => ErrorParser.Truncate(cursor, 80)!;
    }
}
