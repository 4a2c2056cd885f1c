namespace WorkOSDomains.Emulator;

/// <summary>
/// One injected fault, set through POST /_emulator/faults. It applies to the next
/// <see cref="Count"/> requests that match <see cref="Method"/> and <see cref="Path"/> (a prefix),
/// each with <see cref="Probability"/>.
/// </summary>
public sealed class Fault
{
    /// <summary>status, reset, reset_after_commit, stall, stall_after_commit, malformed_json, html or empty.</summary>
    public string Kind { get; set; } = "status";
    public int? Status { get; set; }
    /// <summary>Retry-After header value sent with a status fault, as given ("2" or an HTTP date).</summary>
    public string? RetryAfter { get; set; }
    /// <summary>Body sent with a status fault, as given (any text, JSON or not).</summary>
    public string? Body { get; set; }
    public string? Method { get; set; }
    public string? Path { get; set; }
    /// <summary>How many matching requests it hits; -1 for all.</summary>
    public int Count { get; set; } = 1;
    public double Probability { get; set; } = 1.0;
    /// <summary>How long a stall lasts (it ends early if the client goes away).</summary>
    public int StallMilliseconds { get; set; } = 120_000;

    internal bool Matches(HttpRequest request) =>
        (Method == null || string.Equals(Method, request.Method, StringComparison.OrdinalIgnoreCase)) &&
        (Path == null || request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase) || request.Path.Value == Path);
}

public sealed class FaultInjector(EmulatorOptions options)
{
    private readonly object _gate = new();
    private readonly List<Fault> _faults = [];
    private readonly Random _random = new(options.RandomSeed);

    internal void Add(Fault fault)
    {
        lock (_gate) _faults.Add(fault);
    }

    internal void Clear()
    {
        lock (_gate) _faults.Clear();
    }

    /// <summary>The fault to apply to this request, if any; consumes one of its count.</summary>
    internal Fault? Take(HttpRequest request)
    {
        lock (_gate)
        {
            foreach (Fault fault in _faults)
            {
                if (fault.Count == 0 || !fault.Matches(request)) continue;
                if (fault.Probability < 1.0 && _random.NextDouble() >= fault.Probability) continue;
                if (fault.Count > 0) fault.Count--;
                return fault;
            }
            return null;
        }
    }
}
