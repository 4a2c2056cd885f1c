using System.Security.Cryptography;

namespace WorkOSDomains.Emulator;

/// <summary>
/// All emulator state, guarded by one lock: organizations (owning their domains) and events.
/// Ids grow monotonically, so sorting by id is sorting by creation.
/// </summary>
public sealed class Store
{
    private readonly object _gate = new();
    private readonly List<OrganizationRecord> _organizations = [];
    private readonly List<EventRecord> _events = [];
    private long _sequence;

    internal object Gate => _gate;

    internal string NewId(string prefix)
    {
        long n = Interlocked.Increment(ref _sequence);
        // ULID-like: 26 upper-case characters, ordered by creation.
        return $"{prefix}_01{n:D12}{RandomNumberGenerator.GetHexString(12)}";
    }

    internal static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y').TrimEnd('=');

    internal List<OrganizationRecord> Organizations => _organizations;
    internal List<EventRecord> Events => _events;

    internal OrganizationRecord? FindOrganization(string id) => _organizations.Find(o => o.Id == id);

    internal (OrganizationRecord Org, DomainRecord Domain)? FindDomain(string id)
    {
        foreach (OrganizationRecord org in _organizations)
        {
            DomainRecord? d = org.Domains.Find(x => x.Id == id);
            if (d != null) return (org, d);
        }
        return null;
    }

    internal DomainRecord AddDomain(OrganizationRecord org, string domain, string state, string? token = null)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var record = new DomainRecord
        {
            Id = NewId("org_domain"),
            OrganizationId = org.Id,
            Domain = domain,
            State = state,
            VerificationToken = token ?? NewToken(),
            VerificationPrefix = "workos-domain-verification-" + RandomNumberGenerator.GetHexString(6, lowercase: true),
            CreatedAt = now,
            UpdatedAt = now,
        };
        org.Domains.Add(record);
        org.UpdatedAt = now;
        AddEvent("organization_domain.created", record.Copy(), org.Id);
        return record;
    }

    internal void AddEvent(string name, object data, string? organizationId) =>
        _events.Add(new EventRecord { Id = NewId("event"), Event = name, Data = data, CreatedAt = DateTimeOffset.UtcNow, OrganizationId = organizationId });

    internal void Clear()
    {
        _organizations.Clear();
        _events.Clear();
    }

    /// <summary>
    /// Cursor paging as WorkOS does it: items are ordered, "after"/"before" name an item id, and
    /// list_metadata names the cursors that lead further in each direction (null at the ends).
    /// </summary>
    internal static (List<T> Page, string? Before, string? After) Paginate<T>(IReadOnlyList<T> ordered, Func<T, string> id, int limit, string? before, string? after)
    {
        int start = 0, end = ordered.Count;
        if (after != null)
        {
            int i = IndexOf(ordered, id, after);
            start = i < 0 ? ordered.Count : i + 1;
        }
        if (before != null)
        {
            int i = IndexOf(ordered, id, before);
            end = i < 0 ? 0 : i;
            start = Math.Max(start, end - limit);
        }
        int stop = Math.Min(end, start + limit);
        var page = new List<T>();
        for (int i = start; i < stop; i++) page.Add(ordered[i]);
        string? beforeCursor = page.Count > 0 && start > 0 ? id(page[0]) : null;
        string? afterCursor = page.Count > 0 && stop < ordered.Count ? id(page[^1]) : null;
        return (page, beforeCursor, afterCursor);
    }

    private static int IndexOf<T>(IReadOnlyList<T> items, Func<T, string> id, string wanted)
    {
        for (int i = 0; i < items.Count; i++) if (id(items[i]) == wanted) return i;
        return -1;
    }
}
