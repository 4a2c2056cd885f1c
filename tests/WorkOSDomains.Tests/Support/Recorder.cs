using System.Collections.Concurrent;
using WorkOSDomains.Engine.Api;

namespace WorkOSDomains.Tests.Support;

/// <summary>Collects the diagnostics records of a client.</summary>
public sealed class Recorder
{
    public ConcurrentQueue<HttpDiagnostic> Records { get; } = new();

    public void Add(HttpDiagnostic record) => Records.Enqueue(record);

    public int Count(Func<HttpDiagnostic, bool> predicate) => Records.Count(predicate);
}
