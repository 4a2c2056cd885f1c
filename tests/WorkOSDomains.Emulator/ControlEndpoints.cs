using System.Text.Json;

namespace WorkOSDomains.Emulator;

/// <summary>
/// Test controls under /_emulator (no key needed): health, faults, reset, seeding and settings.
/// Never part of the WorkOS API.
/// </summary>
internal static class ControlEndpoints
{
    internal static void Map(WebApplication app)
    {
        RouteGroupBuilder control = app.MapGroup(Middleware.ControlPrefix);
        control.MapGet("/health", () => Results.Ok(new { status = "ready" }));
        control.MapPost("/faults", async (HttpRequest request, FaultInjector faults) =>
        {
            Fault? fault = await JsonSerializer.DeserializeAsync<Fault>(request.Body, Json.Options);
            if (fault == null) return Results.BadRequest();
            faults.Add(fault);
            return Results.NoContent();
        });
        control.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        control.MapPost("/reset", (Store store, FaultInjector faults, IdempotencyCache cache, RateLimiter limiter, RequestLog log) =>
        {
            lock (store.Gate) store.Clear();
            faults.Clear();
            cache.Clear();
            limiter.Clear();
            log.Clear();
            return Results.NoContent();
        });
        control.MapPost("/seed", async (HttpRequest request, Store store) =>
        {
            SeedFile? seed = await JsonSerializer.DeserializeAsync<SeedFile>(request.Body, Json.Options);
            if (seed == null) return Results.BadRequest();
            Seeder.Apply(store, seed);
            return Results.NoContent();
        });
        control.MapPost("/settings", async (HttpRequest request, EmulatorOptions options) =>
        {
            // Only the knobs tests turn at run time; the rest are fixed at start.
            var changes = await JsonSerializer.DeserializeAsync<Dictionary<string, JsonElement>>(request.Body, Json.Options) ?? [];
            foreach (var (name, value) in changes)
            {
                switch (name)
                {
                    case "rate_limit_requests": options.RateLimitRequests = value.GetInt32(); break;
                    case "rate_limit_window_ms": options.RateLimitWindow = TimeSpan.FromMilliseconds(value.GetInt32()); break;
                    case "verify_delay_ms": options.VerifyDelay = TimeSpan.FromMilliseconds(value.GetInt32()); break;
                    case "fail_after_attempts": options.FailAfterAttempts = value.GetInt32(); break;
                    case "honour_idempotency_key": options.HonourIdempotencyKey = value.GetBoolean(); break;
                    case "latency_ms": options.Latency = TimeSpan.FromMilliseconds(value.GetInt32()); break;
                    case "latency_jitter_ms": options.LatencyJitter = TimeSpan.FromMilliseconds(value.GetInt32()); break;
                    case "omit_verification_record": options.OmitVerificationRecord = value.GetBoolean(); break;
                    default: return Results.BadRequest(new { message = $"unknown setting '{name}'" });
                }
            }
            return Results.NoContent();
        });
        // Every API request received, in order: what a test asserts was (not) sent.
        control.MapGet("/requests", (RequestLog log) => Json.Ok(log.Snapshot()));
        // The most requests that were in flight at once since the log was cleared.
        control.MapGet("/concurrency", (RequestLog log) => Json.Ok(new { max_in_flight = log.MaxInFlight }));
        control.MapDelete("/requests", (RequestLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });
        control.MapGet("/state", (Store store) =>
        {
            lock (store.Gate) return Json.Ok(new { organizations = store.Organizations, event_count = store.Events.Count });
        });
    }
}

internal static class Seeder
{
    internal static void Apply(Store store, SeedFile seed)
    {
        lock (store.Gate)
        {
            foreach (SeedOrganization item in seed.Organizations)
            {
                DateTimeOffset now = DateTimeOffset.UtcNow;
                var org = new OrganizationRecord { Id = item.Id ?? store.NewId("org"), Name = item.Name, ExternalId = item.ExternalId, CreatedAt = now, UpdatedAt = now };
                store.Organizations.Add(org);
                foreach (SeedDomain d in item.DomainData) store.AddDomain(org, d.Domain, d.State, d.VerificationToken);
            }
        }
    }
}
