using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WorkOSDomains.Engine.Api.Http;
using WorkOSDomains.Engine.Api.Models;

namespace WorkOSDomains.Engine.Api
{
    /// <summary>
    /// Walks a cursor-paged list one page at a time, following 'after' until it is null. Every
    /// list walk in the module goes through one, because a server decides when a list ends: a
    /// cursor that comes back a second time, a cursor no WorkOS list would send (far longer than
    /// an object id), or a run of pages that each bring a new cursor but nothing new (no items,
    /// only items already listed, or none the caller wants) would never end, so each stops the
    /// walk with an error that names the cursor. Items already listed are not listed again.
    /// </summary>
    public sealed class Pager<T>
    {
        /// <summary>Pages in a row with nothing new, each with a new cursor, after which the list is taken to be endless.</summary>
        public const int MaxEmptyPagesInARow = 5;

        /// <summary>The longest cursor accepted; WorkOS cursors are object ids of about 30 characters.</summary>
        public const int MaxCursorLength = 256;

        private readonly Func<string?, CancellationToken, Task<Page<T>>> _fetch;
        private readonly Func<T, string> _idOf;
        private readonly Func<T, bool> _wanted;
        private readonly string _path;
        private readonly HashSet<string> _cursorsSeen = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _idsSeen = new HashSet<string>(StringComparer.Ordinal);
        private string? _after;
        private int _emptyInARow;
        private int _pages;

        /// <param name="idOf">An item's id: an item listed before is left out.</param>
        /// <param name="wanted">Which items the caller keeps; a page of only unwanted items counts as empty.</param>
        internal Pager(string path, string? firstCursor, Func<string?, CancellationToken, Task<Page<T>>> fetch, Func<T, string> idOf, Func<T, bool>? wanted = null)
        {
            _path = path;
            _after = firstCursor;
            _fetch = fetch;
            _idOf = idOf;
            _wanted = wanted ?? (_ => true);
            if (firstCursor != null) _cursorsSeen.Add(firstCursor);
        }

        /// <summary>False once a page came without an 'after' cursor.</summary>
        public bool HasMore { get; private set; } = true;

        /// <summary>
        /// The next page, holding only items not listed before that the caller wants; throws a
        /// <see cref="WorkOSApiException"/> (UnexpectedResponse) when the list loops.
        /// </summary>
        public async Task<Page<T>> NextAsync(CancellationToken cancellationToken = default)
        {
            if (!HasMore) throw new InvalidOperationException("The list has no more pages.");
            Page<T> page = await _fetch(_after, cancellationToken).ConfigureAwait(false);
            _pages++;
            var items = page.Items.Where(item => _idsSeen.Add(_idOf(item)) && _wanted(item)).ToList();
            string? next = page.After;
            if (next != null)
            {
                if (next.Length > MaxCursorLength)
                    throw Endless($"returned a cursor of {next.Length} characters ('{Shown(next)}'), far longer than any WorkOS cursor, on page {_pages}");
                if (!_cursorsSeen.Add(next))
                    throw Endless($"returned the cursor '{Shown(next)}' a second time, on page {_pages}");
                _emptyInARow = items.Count == 0 ? _emptyInARow + 1 : 0;
                if (_emptyInARow >= MaxEmptyPagesInARow)
                    throw Endless($"returned {_emptyInARow} pages in a row with nothing new (no items, or only items already listed or not asked for), each with a new cursor (the last was '{Shown(next)}')");
            }
            _after = next;
            HasMore = next != null;
            return new Page<T>(items, page.Before, next);
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
