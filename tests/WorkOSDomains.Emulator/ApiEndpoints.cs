using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkOSDomains.Emulator;

/// <summary>The WorkOS endpoints domain verification uses, with the spec's codes and bodies.</summary>
internal static class ApiEndpoints
{
    internal static void Map(WebApplication app)
    {
        app.MapGet("/organizations", ListOrganizations);
        app.MapGet("/organizations/{id}", (string id, Store store) => WithLock(store, () =>
            store.FindOrganization(id) is { } org ? Json.Ok(org) : OrganizationNotFound(id)));
        app.MapGet("/organizations/external_id/{externalId}", (string externalId, Store store) => WithLock(store, () =>
            store.Organizations.Find(o => o.ExternalId == externalId) is { } org ? Json.Ok(org) : Json.Error(404, $"Organization not found: '{externalId}'.")));
        app.MapPost("/organizations", CreateOrganization);

        app.MapPost("/organization_domains", CreateDomain);
        app.MapGet("/organization_domains/{id}", (string id, Store store) => WithLock(store, () =>
            store.FindDomain(id) is { } found ? Json.Ok(found.Domain) : DomainNotFound(id)));
        app.MapPost("/organization_domains/{id}/verify", VerifyDomain);
        app.MapDelete("/organization_domains/{id}", DeleteDomain);

        app.MapPost("/portal/generate_link", GeneratePortalLink);
        app.MapGet("/events", ListEvents);
    }

    private static IResult WithLock(Store store, Func<IResult> action)
    {
        lock (store.Gate) return action();
    }

    private static IResult OrganizationNotFound(string id) => Json.Error(404, $"Organization not found: '{id}'.");
    private static IResult DomainNotFound(string id) => Json.Error(404, $"Organization Domain not found: '{id}'.");

    private static IResult? CheckLimit(HttpRequest request, out int limit)
    {
        limit = 10;
        string? text = request.Query["limit"];
        if (text == null) return null;
        if (!int.TryParse(text, out limit) || limit < 1 || limit > 100)
            return Json.Error(422, "Validation failed.", "invalid_request_parameters", [("limit", "limit must be between 1 and 100")]);
        return null;
    }

    private static IResult ListOrganizations(HttpRequest request, Store store)
    {
        if (CheckLimit(request, out int limit) is { } bad) return bad;
        string? before = request.Query["before"], after = request.Query["after"];
        string order = request.Query["order"].ToString() is { Length: > 0 } o ? o : "desc";
        if (order is not ("normal" or "asc" or "desc"))
            return Json.Error(422, "Validation failed.", "invalid_request_parameters", [("order", "order must be one of normal, asc, desc")]);
        string[] domains = request.Query["domains"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string? search = request.Query["search"];

        lock (store.Gate)
        {
            IEnumerable<OrganizationRecord> matches = store.Organizations
                .Where(org => domains.Length == 0 || org.Domains.Any(d => domains.Contains(d.Domain, StringComparer.OrdinalIgnoreCase)))
                .Where(org => string.IsNullOrEmpty(search) || org.Name.Contains(search, StringComparison.OrdinalIgnoreCase));
            List<OrganizationRecord> ordered = (order == "desc" ? matches.Reverse() : matches).ToList();
            var (page, beforeCursor, afterCursor) = Store.Paginate(ordered, org => org.Id, limit, before, after);
            return Json.Ok(new { @object = "list", data = page, list_metadata = Json.ListMetadata(beforeCursor, afterCursor) });
        }
    }

    private static async Task<IResult> CreateOrganization(HttpRequest request, Store store)
    {
        JsonObject? body = await ReadObject(request);
        if (body == null) return Json.Error(400, "The request body must be a JSON object.", "invalid_json");
        string? name = body["name"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(name))
            return Json.Error(422, "Validation failed.", "invalid_request_parameters", [("name", "name_required")]);
        string? externalId = body["external_id"]?.GetValue<string>();
        var domainData = body["domain_data"] as JsonArray ?? [];

        lock (store.Gate)
        {
            if (externalId != null && store.Organizations.Any(o => o.ExternalId == externalId))
                return Json.Error(400, $"An organization with external_id '{externalId}' already exists.", "external_id_already_used");
            DateTimeOffset now = DateTimeOffset.UtcNow;
            var org = new OrganizationRecord { Id = store.NewId("org"), Name = name, ExternalId = externalId, CreatedAt = now, UpdatedAt = now };
            if (body["metadata"] is JsonObject metadata)
                foreach (var (k, v) in metadata) org.Metadata[k] = v?.ToString() ?? "";
            store.Organizations.Add(org);
            store.AddEvent("organization.created", org, org.Id);
            foreach (JsonNode? item in domainData)
            {
                string? domain = item?["domain"]?.GetValue<string>();
                if (string.IsNullOrWhiteSpace(domain)) continue;
                store.AddDomain(org, domain.Trim().ToLowerInvariant(), item?["state"]?.GetValue<string>() ?? "pending");
            }
            return Json.Ok(org, 201);
        }
    }

    private static async Task<IResult> CreateDomain(HttpRequest request, Store store)
    {
        JsonObject? body = await ReadObject(request);
        if (body == null) return Json.Error(400, "The request body must be a JSON object.", "invalid_json");
        string? organizationId = body["organization_id"]?.GetValue<string>();
        string? domain = body["domain"]?.GetValue<string>()?.Trim().ToLowerInvariant();
        var errors = new List<(string, string)>();
        if (string.IsNullOrEmpty(organizationId)) errors.Add(("organization_id", "organization_id_required"));
        if (string.IsNullOrEmpty(domain)) errors.Add(("domain", "domain_required"));
        else if (!domain.Contains('.') || domain.Contains(' ') || domain.Contains('/')) errors.Add(("domain", "invalid_domain"));
        if (errors.Count > 0) return Json.Error(422, "Validation failed.", "invalid_request_parameters", errors);

        lock (store.Gate)
        {
            OrganizationRecord? org = store.FindOrganization(organizationId!);
            if (org == null) return OrganizationNotFound(organizationId!);
            if (org.Domains.Any(d => d.Domain == domain))
                return Json.Error(409, "Domain already exists for this organization.", "domain_already_exists");
            return Json.Ok(store.AddDomain(org, domain!, "pending"), 201);
        }
    }

    private static async Task<IResult> VerifyDomain(string id, Store store, DnsVerifier dns, EmulatorOptions options, CancellationToken aborted)
    {
        DomainRecord snapshot;
        lock (store.Gate)
        {
            if (store.FindDomain(id) is not { } found) return DomainNotFound(id);
            DomainRecord domain = found.Domain;
            if (domain.State is "verified" or "legacy_verified")
                return Json.Error(400, "Domain is already verified.", "domain_already_verified");
            if (domain.State == "failed")
            {
                // A failed domain starts over, with a new token: callers must re-read it.
                domain.VerificationToken = Store.NewToken();
                domain.FailedChecks = 0;
            }
            domain.State = "pending";
            domain.UpdatedAt = DateTimeOffset.UtcNow;
            snapshot = domain.Copy();
        }

        if (options.VerifyDelay == TimeSpan.Zero)
        {
            await CheckDnsAsync(id, snapshot, store, dns, options, aborted);
        }
        else
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(options.VerifyDelay);
                await CheckDnsAsync(id, snapshot, store, dns, options, CancellationToken.None);
            });
        }
        lock (store.Gate) return store.FindDomain(id) is { } now ? Json.Ok(now.Domain, 201) : DomainNotFound(id);
    }

    private static async Task CheckDnsAsync(string id, DomainRecord snapshot, Store store, DnsVerifier dns, EmulatorOptions options, CancellationToken cancellationToken)
    {
        bool found = await dns.HasRecordAsync(snapshot, cancellationToken);
        lock (store.Gate)
        {
            if (store.FindDomain(id) is not { } current || current.Domain.State != "pending") return;
            DomainRecord domain = current.Domain;
            domain.UpdatedAt = DateTimeOffset.UtcNow;
            if (found)
            {
                domain.State = "verified";
                store.AddEvent("organization_domain.verified", domain.Copy(), domain.OrganizationId);
            }
            else if (++domain.FailedChecks >= options.FailAfterAttempts)
            {
                domain.State = "failed";
                store.AddEvent("organization_domain.verification_failed",
                    new { reason = "domain_verification_period_expired", organization_domain = domain.Copy() }, domain.OrganizationId);
            }
            else
            {
                return;
            }
            store.AddEvent("organization_domain.updated", domain.Copy(), domain.OrganizationId);
        }
    }

    private static IResult DeleteDomain(string id, Store store)
    {
        lock (store.Gate)
        {
            if (store.FindDomain(id) is not { } found) return DomainNotFound(id);
            found.Org.Domains.Remove(found.Domain);
            store.AddEvent("organization_domain.deleted", found.Domain.Copy(), found.Org.Id);
            return Results.StatusCode(204);
        }
    }

    private static async Task<IResult> GeneratePortalLink(HttpRequest request, Store store)
    {
        JsonObject? body = await ReadObject(request);
        if (body == null) return Json.Error(400, "The request body must be a JSON object.", "invalid_json");
        string? organization = body["organization"]?.GetValue<string>();
        string? intent = body["intent"]?.GetValue<string>();
        var errors = new List<(string, string)>();
        if (string.IsNullOrEmpty(organization)) errors.Add(("organization", "organization_required"));
        if (string.IsNullOrEmpty(intent)) errors.Add(("intent", "intent_required"));
        if (errors.Count > 0) return Json.Error(422, "Validation failed.", "invalid_request_parameters", errors);
        lock (store.Gate)
        {
            if (store.FindOrganization(organization!) == null) return OrganizationNotFound(organization!);
        }
        string link = $"{request.Scheme}://{request.Host}/portal/launch?intent={Uri.EscapeDataString(intent!)}&token={Store.NewToken()}";
        return Json.Ok(new { link }, 201);
    }

    private static IResult ListEvents(HttpRequest request, Store store)
    {
        string[] names = request.Query["events"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
            return Json.Error(422, "Validation failed.", "invalid_request_parameters", [("events", "events_required")]);
        if (CheckLimit(request, out int limit) is { } bad) return bad;
        DateTimeOffset? start = ParseTime(request.Query["range_start"]), end = ParseTime(request.Query["range_end"]);
        string? organizationId = request.Query["organization_id"];
        bool descending = request.Query["order"] == "desc";
        lock (store.Gate)
        {
            IEnumerable<EventRecord> matches = store.Events.Where(e =>
                names.Contains(e.Event) &&
                (start == null || e.CreatedAt >= start) && (end == null || e.CreatedAt <= end) &&
                (string.IsNullOrEmpty(organizationId) || e.OrganizationId == organizationId));
            List<EventRecord> ordered = (descending ? matches.Reverse() : matches).ToList();
            var (page, _, afterCursor) = Store.Paginate(ordered, e => e.Id, limit, null, request.Query["after"]);
            return Json.Ok(new { @object = "list", data = page, list_metadata = new JsonObject { ["after"] = afterCursor } });
        }
    }

    private static DateTimeOffset? ParseTime(string? text) => DateTimeOffset.TryParse(text, out DateTimeOffset t) ? t : null;

    private static async Task<JsonObject?> ReadObject(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
