using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using WorkOSDomains.Engine.Api.Http;
using WorkOSDomains.Engine.Api.Models;
using WorkOSDomains.Engine.Json;
using WorkOSDomains.Engine.Validation;

namespace WorkOSDomains.Engine.Api
{
    /// <summary>
    /// The WorkOS API, the parts domain verification needs. Thread-safe; one instance per
    /// connection. Input is validated before any request; every failure is a
    /// <see cref="WorkOSApiException"/> (or InvalidInputException for bad input, or
    /// OperationCanceledException when the caller cancels).
    /// </summary>
    public sealed class WorkOSClient : IDisposable
    {
        internal const string RequestIdHeader = "X-Request-ID";
        private const string HttpClientName = "WorkOS";

        private readonly ServiceProvider _services;
        private readonly IHttpClientFactory _factory;

        public WorkOSClient(WorkOSClientOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            options.Validate();
            Options = options;
            BaseUri = new Uri(options.BaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");

            ApiKey key = options.ApiKey!;
            TokenBucket bucket = TokenBucket.For(key.Fingerprint(), options.RateLimitRequests, options.RateLimitWindow);
            UserAgent = $"WorkOSDomains/{Version}" + (options.UserAgentComment == null ? "" : $" ({options.UserAgentComment})");

            FrameworkHttp.AllowTls12();
            var services = new ServiceCollection();
            IHttpClientBuilder builder = services.AddHttpClient(HttpClientName, c =>
                {
                    c.BaseAddress = BaseUri;
                    c.Timeout = Timeout.InfiniteTimeSpan; // per attempt, in TimeoutHandler
                })
                .AddHttpMessageHandler(() => new IdempotencyHandler())
                .AddHttpMessageHandler(() => new RetryHandler(options, bucket))
                .AddHttpMessageHandler(() => new RateLimitHandler(bucket))
                .AddHttpMessageHandler(() => new AuthenticationHandler(key, UserAgent));
            if (options.Diagnostics is Action<HttpDiagnostic> sink)
                builder.AddHttpMessageHandler(() => new DiagnosticsHandler(sink));
            var redactor = new Redactor(key);
            builder.AddHttpMessageHandler(() => new TimeoutHandler(options.RequestTimeout))
                .AddHttpMessageHandler(() => new ResponseGuardHandler(redactor, options.MaxResponseBytes))
                .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                {
                    AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                    UseCookies = false,
                    AllowAutoRedirect = false, // a redirect would carry the key to another host
                })
                .RemoveAllLoggers();
            _services = services.BuildServiceProvider();
            _factory = _services.GetRequiredService<IHttpClientFactory>();
        }

        public static string Version { get; } = typeof(WorkOSClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

        public WorkOSClientOptions Options { get; }
        public Uri BaseUri { get; }
        /// <summary>Sent with every request: WorkOSDomains/&lt;version&gt; (&lt;host comment&gt;).</summary>
        public string UserAgent { get; }

        // ---- Organizations ----

        public Task<Page<Organization>> ListOrganizationsPageAsync(OrganizationQuery query, CancellationToken cancellationToken = default)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            Input.Limit(query.Limit);
            CheckCursors(query.Before, query.After);
            CheckOrder(query.Order);
            var q = new QueryString()
                .Add("limit", query.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Add("domains", query.Domains == null || query.Domains.Count == 0 ? null : string.Join(",", query.Domains.Select(d => Input.DomainName(d, "Domain"))))
                .Add("search", query.Search)
                .Add("order", query.Order)
                .Add("before", query.Before)
                .Add("after", query.After);
            return GetPageAsync("organizations" + q, Shapes.OrganizationList, o => o, cancellationToken);
        }

        /// <summary>A walk over the organizations matching the query, one page at a time, that stops a list that never ends.</summary>
        public Pager<Organization> PageOrganizations(OrganizationQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            return new Pager<Organization>("/organizations", query.After, (after, token) => ListOrganizationsPageAsync(Clone(query, after), token), o => o.Id);
        }

        /// <summary>All organizations matching the query, fetched lazily one page at a time.</summary>
        public IEnumerable<Organization> ListOrganizations(OrganizationQuery query, CancellationToken cancellationToken = default) =>
            PageOrganizations(query).Items(cancellationToken);

        public Task<Organization> GetOrganizationAsync(string organizationId, CancellationToken cancellationToken = default)
        {
            string id = Input.Id(organizationId, "OrganizationId", "org_");
            return SendAsync(HttpMethod.Get, "organizations/" + Uri.EscapeDataString(id), null, Shapes.Organization, cancellationToken);
        }

        public Task<Organization> GetOrganizationByExternalIdAsync(string externalId, CancellationToken cancellationToken = default)
        {
            string id = Input.ExternalId(externalId);
            return SendAsync(HttpMethod.Get, "organizations/external_id/" + Uri.EscapeDataString(id), null, Shapes.Organization, cancellationToken);
        }

        /// <summary>
        /// Creates an organization. A retry that meets "external_id_already_used" after an earlier
        /// attempt may have reached WorkOS returns that organization instead of an error.
        /// </summary>
        /// <param name="createdTwice">
        /// Called with the other organizations of the same name made during the call, when an attempt
        /// got no answer and the retry created the organization: without an external id to find it
        /// by, and where WorkOS ignores the Idempotency-Key, the lost attempt made one too.
        /// </param>
        public async Task<Organization> CreateOrganizationAsync(CreateOrganizationRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default,
            Action<Organization, IReadOnlyList<Organization>>? createdTwice = null)
        {
            var body = Serialize(Check(request), WorkOSJsonContext.Default.CreateOrganizationRequest);
            try
            {
                bool answerLost = false;
                DateTimeOffset started = DateTimeOffset.UtcNow;
                Organization created = await SendAsync(HttpMethod.Post, "organizations", body, Shapes.Organization, cancellationToken, idempotencyKey,
                    sent => answerLost = RequestState.GetAnswerLost(sent)).ConfigureAwait(false);
                if (answerLost && request.ExternalId == null && createdTwice != null)
                {
                    // Only the name can find what the lost attempt made: organizations of that name from this call's time.
                    var twins = new List<Organization>();
                    Pager<Organization> pager = PageOrganizations(new OrganizationQuery { Search = created.Name });
                    while (pager.HasMore)
                        twins.AddRange((await pager.NextAsync(cancellationToken).ConfigureAwait(false)).Items
                            .Where(o => o.Id != created.Id && o.Name == created.Name && o.CreatedAt >= started.AddMinutes(-1)));
                    if (twins.Count > 0) createdTwice(created, twins);
                }
                return created;
            }
            catch (WorkOSApiException e) when (e.Attempts > 1 && e.Code == "external_id_already_used" && request.ExternalId != null)
            {
                // WorkOS may ignore the Idempotency-Key: an earlier attempt created the organization
                // and only its answer was lost. The external id is the natural key that finds it.
                Organization existing = await GetOrganizationByExternalIdAsync(request.ExternalId, cancellationToken).ConfigureAwait(false);
                Note("POST", "/organizations", $"an earlier attempt created the organization (external id {request.ExternalId}) before its answer was lost; returning {existing.Id}");
                return existing;
            }
        }

        // ---- Organization domains ----

        /// <summary>
        /// Claims a domain for an organization. A retry that meets "already exists" after an earlier
        /// attempt may have reached WorkOS returns the domain that attempt created: the
        /// organization and the domain name are its natural key, so nothing is ever created twice,
        /// whether or not WorkOS honours the Idempotency-Key.
        /// </summary>
        public async Task<OrganizationDomain> CreateOrganizationDomainAsync(string organizationId, string domain, string? idempotencyKey = null, CancellationToken cancellationToken = default)
        {
            var body = new CreateDomainBody
            {
                OrganizationId = Input.Id(organizationId, "OrganizationId", "org_"),
                Domain = Input.DomainName(domain),
            };
            try
            {
                return await SendAsync(HttpMethod.Post, "organization_domains", Serialize(body, WorkOSJsonContext.Default.CreateDomainBody),
                    Shapes.OrganizationDomain, cancellationToken, idempotencyKey).ConfigureAwait(false);
            }
            catch (WorkOSApiException e) when (e.Attempts > 1 && e.IsDomainAlreadyExists)
            {
                Organization organization = await GetOrganizationAsync(body.OrganizationId, cancellationToken).ConfigureAwait(false);
                OrganizationDomain? existing = organization.Domains.FirstOrDefault(d => string.Equals(d.Domain, body.Domain, StringComparison.OrdinalIgnoreCase));
                if (existing == null) throw; // claimed elsewhere: the conflict is real
                Note("POST", "/organization_domains", $"an earlier attempt claimed {body.Domain} before its answer was lost; returning {existing.Id}");
                return existing;
            }
        }

        public Task<OrganizationDomain> GetOrganizationDomainAsync(string domainId, CancellationToken cancellationToken = default) =>
            SendAsync(HttpMethod.Get, DomainPath(domainId), null, Shapes.OrganizationDomain, cancellationToken);

        /// <summary>Starts (or restarts) DNS verification. Re-read the token from the result: a new one may be issued.</summary>
        public Task<OrganizationDomain> VerifyOrganizationDomainAsync(string domainId, CancellationToken cancellationToken = default) =>
            SendAsync(HttpMethod.Post, DomainPath(domainId) + "/verify", null, Shapes.OrganizationDomain, cancellationToken);

        public async Task DeleteOrganizationDomainAsync(string domainId, CancellationToken cancellationToken = default)
        {
            string path = DomainPath(domainId);
            using HttpResponseMessage response = await SendRawAsync(HttpMethod.Delete, path, null, cancellationToken, null).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return;
            // A retried DELETE whose first attempt reached WorkOS finds nothing left: that is success.
            if (response.StatusCode == HttpStatusCode.NotFound && RequestState.GetAttempt(response.RequestMessage!) > 1) return;
            throw ErrorOf(response, HttpMethod.Delete, path);
        }

        // ---- Admin Portal ----

        public async Task<PortalLink> GeneratePortalLinkAsync(PortalLinkRequest request, CancellationToken cancellationToken = default)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            request.Organization = Input.Id(request.Organization, "OrganizationId", "org_");
            if (string.IsNullOrWhiteSpace(request.Intent))
                throw new InvalidInputException("Intent", null, "is empty", $"Use one of: {string.Join(", ", PortalIntents.Known)}.");
            request.ReturnUrl = Input.AbsoluteUrl(request.ReturnUrl, "ReturnUrl")?.ToString();
            request.SuccessUrl = Input.AbsoluteUrl(request.SuccessUrl, "SuccessUrl")?.ToString();
            if (request.ItContactEmails != null) request.ItContactEmails = request.ItContactEmails.Select(e => Input.Email(e, "ItContactEmail")).ToList();
            DateTimeOffset requested = DateTimeOffset.UtcNow;
            PortalLinkBody body = await SendAsync(HttpMethod.Post, "portal/generate_link", Serialize(request, WorkOSJsonContext.Default.PortalLinkRequest),
                Shapes.PortalLink, cancellationToken).ConfigureAwait(false);
            return new PortalLink { Link = body.Link, OrganizationId = request.Organization, Intent = request.Intent, ExpiresAt = requested.AddMinutes(5) };
        }

        // ---- Events ----

        public Task<Page<WorkOSEvent>> ListEventsPageAsync(EventQuery query, CancellationToken cancellationToken = default)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            if (query.Events == null || query.Events.Count == 0 || query.Events.Any(string.IsNullOrWhiteSpace))
                throw new InvalidInputException("Event", null, "is empty", "Name the event types, e.g. organization_domain.verified.");
            Input.Limit(query.Limit);
            CheckOrder(query.Order);
            if (query.RangeStart > query.RangeEnd)
                throw new InvalidInputException("Since", query.RangeStart?.ToString("o"), "is later than the end of the range", "Give a start before the end.");
            var q = new QueryString()
                .Add("events", string.Join(",", query.Events.Select(e => e.Trim())))
                .Add("range_start", query.RangeStart?.UtcDateTime.ToString("o"))
                .Add("range_end", query.RangeEnd?.UtcDateTime.ToString("o"))
                .Add("organization_id", query.OrganizationId == null ? null : Input.Id(query.OrganizationId, "OrganizationId", "org_"))
                .Add("limit", query.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Add("order", query.Order)
                .Add("after", query.After);
            return GetPageAsync("events" + q, Shapes.EventList, EventMapper.ToEvent, cancellationToken);
        }

        /// <summary>
        /// A walk over the matching events, one page at a time, that stops a list that never ends.
        /// Only the event types asked for come out, even from a server that ignores the 'events' filter.
        /// </summary>
        public Pager<WorkOSEvent> PageEvents(EventQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            var types = new HashSet<string>(query.Events, StringComparer.Ordinal);
            return new Pager<WorkOSEvent>("/events", query.After, (after, token) =>
            {
                var page = new EventQuery { Events = query.Events, RangeStart = query.RangeStart, RangeEnd = query.RangeEnd, OrganizationId = query.OrganizationId, Limit = query.Limit, Order = query.Order, After = after };
                return ListEventsPageAsync(page, token);
            }, e => e.Id, e => types.Count == 0 || types.Contains(e.Event));
        }

        /// <summary>All matching events, fetched lazily one page at a time.</summary>
        public IEnumerable<WorkOSEvent> ListEvents(EventQuery query, CancellationToken cancellationToken = default) =>
            PageEvents(query).Items(cancellationToken);

        public void Dispose() => _services.Dispose();

        /// <summary>Tells the diagnostics sink something the caller should know that is not an HTTP attempt.</summary>
        private void Note(string method, string path, string text) =>
            Options.Diagnostics?.Invoke(new HttpDiagnostic { Method = method, Path = path, Note = text });

        /// <summary>
        /// Validates a new organization before anything is sent, normalizing its domains and external
        /// id in place; throws <see cref="InvalidInputException"/> naming what is wrong. Returns the request.
        /// </summary>
        public static CreateOrganizationRequest Check(CreateOrganizationRequest request)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (string.IsNullOrWhiteSpace(request.Name)) throw new InvalidInputException("Name", null, "is empty", "Give the organization a name.");
            if (request.ExternalId != null) request.ExternalId = Input.ExternalId(request.ExternalId);
            if (request.Metadata != null && request.Metadata.Count > 50)
                throw new InvalidInputException("Metadata", null, $"has {request.Metadata.Count} keys", "WorkOS allows at most 50.");
            if (request.DomainData != null)
            {
                foreach (DomainData d in request.DomainData)
                {
                    d.Domain = Input.DomainName(d.Domain, "Domain");
                    if (d.State != DomainStates.Pending && d.State != DomainStates.Verified)
                        throw new InvalidInputException("DomainState", d.State, "is not allowed when creating an organization", "Use 'pending' or 'verified'.");
                }
            }
            return request;
        }

        // ---- Plumbing ----

        private static string DomainPath(string domainId) =>
            "organization_domains/" + Uri.EscapeDataString(Input.Id(domainId, "DomainId", "org_domain_"));

        private static void CheckCursors(string? before, string? after)
        {
            if (before != null && after != null)
                throw new InvalidInputException("Before", before, "was given together with an 'after' cursor", "WorkOS pages in one direction at a time: give one of them.");
        }

        private static void CheckOrder(string? order)
        {
            if (order != null && order != "normal" && order != "asc" && order != "desc")
                throw new InvalidInputException("Order", order, "is not a sort order", "Use normal, asc or desc.");
        }

        private static OrganizationQuery Clone(OrganizationQuery q, string? after) =>
            new OrganizationQuery { Domains = q.Domains, Search = q.Search, Limit = q.Limit, Order = q.Order, Before = after == null ? q.Before : null, After = after };

        private async Task<Page<TOut>> GetPageAsync<TWire, TOut>(string path, Shape<ListResponse<TWire>> shape, Func<TWire, TOut> map, CancellationToken cancellationToken)
        {
            ListResponse<TWire> list = await SendAsync(HttpMethod.Get, path, null, shape, cancellationToken).ConfigureAwait(false);
            return new Page<TOut>(list.Data.Select(map).ToList(), list.ListMetadata?.Before, list.ListMetadata?.After);
        }

        private static byte[] Serialize<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

        /// <param name="answered">Given the request that was answered, for the facts its attempts left on it.</param>
        private async Task<T> SendAsync<T>(HttpMethod method, string path, byte[]? body, Shape<T> shape, CancellationToken cancellationToken, string? idempotencyKey = null,
            Action<HttpRequestMessage>? answered = null)
        {
            using HttpResponseMessage response = await SendRawAsync(method, path, body, cancellationToken, idempotencyKey).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw ErrorOf(response, method, path);
            ArraySegment<byte> bytes = BufferedContent.Of(response);
            answered?.Invoke(response.RequestMessage!);
            if (shape.TryRead(bytes, out T value, out string problem)) return value;
            int status = (int)response.StatusCode;
            throw ErrorParser.Unexpected(method.Method, "/" + path,
                status, $"WorkOS answered {status} with a body that is not {shape.Name} ({problem}). A proxy or another service may have answered in its place.",
                RequestIdOf(response), RequestState.GetAttempt(response.RequestMessage!), ErrorParser.StartOf(bytes));
        }

        private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken, string? idempotencyKey)
        {
            var request = new HttpRequestMessage(method, path);
            if (body != null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }
            else if (FrameworkHttp.SendEmptyContent(method))
            {
                request.Content = new ByteArrayContent(Array.Empty<byte>()); // so RetryHandler is the only retry layer
            }
            if (idempotencyKey != null) request.Headers.TryAddWithoutValidation(IdempotencyHandler.HeaderName, idempotencyKey);
            request.Headers.Accept.ParseAdd("application/json");

            HttpClient client = _factory.CreateClient(HttpClientName);
            try
            {
                return await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (ResponseTooLargeException e)
            {
                throw ErrorParser.Unexpected(method.Method, "/" + path, e.StatusCode,
                    $"The server answered {e.StatusCode}, but {e.Message}, the most the module reads, so it stopped reading. WorkOS answers are far smaller: a proxy or another service may have answered in its place.",
                    e.RequestId, RequestState.GetAttempt(request));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && (e is TimeoutException || e is HttpRequestException || e is System.IO.IOException))
            {
                throw ErrorParser.NoResponse(method.Method, "/" + path, RequestState.GetAttempt(request), e, Options.RequestTimeout);
            }
        }

        private static WorkOSApiException ErrorOf(HttpResponseMessage response, HttpMethod method, string path) =>
            ErrorParser.FromResponse(response.StatusCode, BufferedContent.Of(response), RequestIdOf(response),
                response.Headers.TryGetValues("Location", out IEnumerable<string>? location) ? location.FirstOrDefault() : null,
                RetryHandler.ReadRetryAfter(response), method.Method, "/" + path, RequestState.GetAttempt(response.RequestMessage!));

        private static string? RequestIdOf(HttpResponseMessage response) =>
            response.Headers.TryGetValues(RequestIdHeader, out IEnumerable<string>? ids) ? ids.FirstOrDefault() : null;
    }
}
