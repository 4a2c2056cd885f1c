using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;

namespace WorkOSDomains.Emulator;

/// <summary>The request pipeline in front of the endpoints, in the order it runs.</summary>
internal static class Middleware
{
    internal const string ControlPrefix = "/_emulator";

    internal static void Use(WebApplication app)
    {
        app.Use(RequestId);
        app.Use(LogAndDelay);
        app.Use(OmitVerificationRecord);
        app.Use(InjectFaults);
        app.Use(Authenticate);
        app.Use(RateLimit);
        app.Use(ReplayIdempotentPosts);
    }

    private static Task RequestId(HttpContext context, RequestDelegate next)
    {
        context.Response.Headers["X-Request-ID"] = Guid.NewGuid().ToString();
        return next(context);
    }

    private static bool IsControl(HttpContext context) => context.Request.Path.StartsWithSegments(ControlPrefix);

    private static async Task LogAndDelay(HttpContext context, RequestDelegate next)
    {
        if (IsControl(context))
        {
            await next(context);
            return;
        }
        RequestLog log = context.RequestServices.GetRequiredService<RequestLog>();
        log.Add(context.Request);
        log.Enter();
        try
        {
            EmulatorOptions options = context.RequestServices.GetRequiredService<EmulatorOptions>();
            // A fixed round trip, plus a random part so that answers come back in another order than asked.
            TimeSpan latency = options.Latency + TimeSpan.FromMilliseconds(options.LatencyJitter.TotalMilliseconds * Random.Shared.NextDouble());
            if (latency > TimeSpan.Zero)
            {
                try { await Task.Delay(latency, context.RequestAborted); }
                catch (OperationCanceledException) { return; }
            }
            await next(context);
        }
        finally
        {
            log.Leave();
        }
    }

    private static async Task OmitVerificationRecord(HttpContext context, RequestDelegate next)
    {
        if (IsControl(context) || !context.RequestServices.GetRequiredService<EmulatorOptions>().OmitVerificationRecord)
        {
            await next(context);
            return;
        }
        Stream original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        byte[] body = captured.ToArray();
        if (body.Length > 0 && context.Response.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
        {
            System.Text.Json.Nodes.JsonNode? node = System.Text.Json.Nodes.JsonNode.Parse(body);
            Strip(node);
            body = System.Text.Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null");
            context.Response.ContentLength = body.Length;
        }
        await original.WriteAsync(body);

        static void Strip(System.Text.Json.Nodes.JsonNode? node)
        {
            if (node is System.Text.Json.Nodes.JsonObject obj)
            {
                obj.Remove("verification_token");
                obj.Remove("verification_prefix");
                foreach (var (_, child) in obj.ToList()) Strip(child);
            }
            else if (node is System.Text.Json.Nodes.JsonArray array)
            {
                foreach (var child in array) Strip(child);
            }
        }
    }

    private static async Task InjectFaults(HttpContext context, RequestDelegate next)
    {
        Fault? fault = IsControl(context) ? null : context.RequestServices.GetRequiredService<FaultInjector>().Take(context.Request);
        if (fault == null)
        {
            await next(context);
            return;
        }
        HttpResponse response = context.Response;
        switch (fault.Kind)
        {
            case "reset":
                context.Abort();
                return;
            case "reset_after_commit":
                // Do the work (and record it for idempotent replay), then drop the connection
                // before the client sees the answer.
                response.Body = Stream.Null;
                await next(context);
                context.Abort();
                return;
            case "stall":
                try { await Task.Delay(fault.StallMilliseconds, context.RequestAborted); }
                catch (OperationCanceledException) { return; }
                await next(context);
                return;
            case "stall_after_commit":
                // Do the work, then hold the answer back, past the client's timeout: the client
                // gives up on a request the server has carried out.
                Stream original = response.Body;
                using (var held = new MemoryStream())
                {
                    response.Body = held;
                    await next(context);
                    try { await Task.Delay(fault.StallMilliseconds, context.RequestAborted); }
                    catch (OperationCanceledException) { return; }
                    response.Body = original;
                    held.Position = 0;
                    await held.CopyToAsync(original);
                }
                return;
            case "malformed_json":
                response.StatusCode = fault.Status ?? 200;
                response.ContentType = "application/json";
                await response.WriteAsync("{\"object\": \"organization\", \"id\": ");
                return;
            case "html":
                response.StatusCode = fault.Status ?? 502;
                response.ContentType = "text/html";
                await response.WriteAsync("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>");
                return;
            case "empty":
                response.StatusCode = fault.Status ?? 200;
                return;
            default:
                response.StatusCode = fault.Status ?? 500;
                if (fault.RetryAfter != null) response.Headers.RetryAfter = fault.RetryAfter;
                if (fault.Body != null)
                {
                    response.ContentType = "application/json";
                    await response.WriteAsync(fault.Body);
                }
                return;
        }
    }

    private static async Task Authenticate(HttpContext context, RequestDelegate next)
    {
        if (!IsControl(context))
        {
            var options = context.RequestServices.GetRequiredService<EmulatorOptions>();
            string header = context.Request.Headers.Authorization.ToString();
            string? key = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
            if (key == null || !options.ApiKeys.Contains(key))
            {
                await Json.Error(401, "Unauthorized", "unauthorized").ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    }

    private static async Task RateLimit(HttpContext context, RequestDelegate next)
    {
        var limiter = context.RequestServices.GetRequiredService<RateLimiter>();
        if (!IsControl(context) && limiter.Refuse(context.Request.Headers.Authorization.ToString(), out TimeSpan retryAfter))
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("\"Ratelimited\""); // WorkOS sends a bare string here
            return;
        }
        await next(context);
    }

    private static async Task ReplayIdempotentPosts(HttpContext context, RequestDelegate next)
    {
        string? key = context.Request.Headers["Idempotency-Key"];
        bool honoured = context.RequestServices.GetRequiredService<EmulatorOptions>().HonourIdempotencyKey;
        if (!honoured || !HttpMethods.IsPost(context.Request.Method) || string.IsNullOrEmpty(key) || IsControl(context))
        {
            await next(context);
            return;
        }

        var cache = context.RequestServices.GetRequiredService<IdempotencyCache>();
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        byte[] requestBytes = body.ToArray();
        string fingerprint = $"{context.Request.Path}\n{Convert.ToHexString(SHA256.HashData(requestBytes))}";
        string cacheKey = context.Request.Headers.Authorization + "\n" + key;

        SemaphoreSlim slot = cache.Slot(cacheKey);
        await slot.WaitAsync(context.RequestAborted);
        try
        {
            if (cache.Saved.TryGetValue(cacheKey, out SavedResponse? saved))
            {
                if (saved.Fingerprint != fingerprint)
                {
                    await Json.Error(400, "This Idempotency-Key was already used with a different request.", "idempotency_key_reused").ExecuteAsync(context);
                    return;
                }
                context.Response.Headers["Idempotent-Replayed"] = "true";
                context.Response.StatusCode = saved.Status;
                context.Response.ContentType = saved.ContentType;
                await context.Response.Body.WriteAsync(saved.Body);
                return;
            }

            context.Request.Body = new MemoryStream(requestBytes);
            Stream original = context.Response.Body;
            using var captured = new MemoryStream();
            context.Response.Body = captured;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }
            if (context.Response.StatusCode < 500)
                cache.Saved[cacheKey] = new SavedResponse(fingerprint, context.Response.StatusCode, context.Response.ContentType, captured.ToArray());
            captured.Position = 0;
            await captured.CopyToAsync(original);
        }
        finally
        {
            slot.Release();
        }
    }
}

internal sealed record SavedResponse(string Fingerprint, int Status, string? ContentType, byte[] Body);

/// <summary>Responses to POSTs by key, replayed for a repeated Idempotency-Key.</summary>
internal sealed class IdempotencyCache
{
    internal readonly ConcurrentDictionary<string, SavedResponse> Saved = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _slots = new();

    internal SemaphoreSlim Slot(string key) => _slots.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));

    internal void Clear() => Saved.Clear();
}

/// <summary>A fixed-window counter per key, as a server-side limit the client must respect.</summary>
internal sealed class RateLimiter(EmulatorOptions options)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _windows = [];

    internal bool Refuse(string key, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (options.RateLimitRequests <= 0) return false;
        lock (_gate)
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            if (!_windows.TryGetValue(key, out var window) || now - window.Start >= options.RateLimitWindow)
                window = (now, 0);
            window.Count++;
            _windows[key] = window;
            if (window.Count <= options.RateLimitRequests) return false;
            retryAfter = window.Start + options.RateLimitWindow - now;
            return true;
        }
    }

    internal void Clear()
    {
        lock (_gate) _windows.Clear();
    }
}

/// <summary>Every API request the emulator received: method, path with query, and idempotency key.</summary>
internal sealed class RequestLog
{
    private readonly object _gate = new();
    private readonly List<LoggedRequest> _requests = [];

    internal void Add(HttpRequest request)
    {
        lock (_gate) _requests.Add(new LoggedRequest(request.Method, request.Path + request.QueryString, request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } k ? k : null));
    }

    internal List<LoggedRequest> Snapshot()
    {
        lock (_gate) return [.. _requests];
    }

    private int _inFlight;

    /// <summary>The most API requests in flight at once since the last clear: how concurrent a client really was.</summary>
    internal int MaxInFlight { get; private set; }

    internal void Enter()
    {
        lock (_gate) MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
    }

    internal void Leave()
    {
        lock (_gate) _inFlight--;
    }

    internal void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
            MaxInFlight = _inFlight;
        }
    }
}

internal sealed record LoggedRequest(string Method, string Path, string? IdempotencyKey);
