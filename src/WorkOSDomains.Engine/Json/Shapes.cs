using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using WorkOSDomains.Engine.Api.Http;

namespace WorkOSDomains.Engine.Json
{
    /// <summary>
    /// A success body the client will believe: it must be JSON with the members the spec marks
    /// required and the cmdlets rely on ('object', 'id' and the few each shape names). A body
    /// without them (a proxy's page, another API's object, a list where one object was asked for)
    /// is refused instead of becoming objects with empty ids; a null list is an empty list.
    /// </summary>
    internal sealed class Shape<T>
    {
        private readonly JsonTypeInfo<T> _type;
        private readonly Func<JsonElement, string?> _problem;
        private readonly Action<T> _complete;

        internal Shape(string name, JsonTypeInfo<T> type, Func<JsonElement, string?> problem, Action<T> complete)
        {
            Name = name;
            _type = type;
            _problem = problem;
            _complete = complete;
        }

        /// <summary>What the body should be, as in "a body that is not an organization".</summary>
        internal string Name { get; }

        /// <summary>The body as a <typeparamref name="T"/>, or false and what is wrong with it.</summary>
        internal bool TryRead(ArraySegment<byte> body, out T value, out string problem)
        {
            value = default!;
            if (body.Count == 0)
            {
                problem = "it is empty";
                return false;
            }
            try
            {
                using JsonDocument document = JsonDocument.Parse(body.AsMemory());
                problem = _problem(document.RootElement)!;
                if (problem != null) return false;
                value = document.RootElement.Deserialize(_type)!;
                _complete(value);
            }
            catch (JsonException e)
            {
                problem = "it is not JSON the module can read: " + ErrorParser.Truncate(e.Message, ErrorParser.TextLimit);
                return false;
            }
            return true;
        }
    }

    /// <summary>
    /// The shapes of the answers the client reads. Members that older WorkOS documents leave out
    /// ('object' on lists, 'organization_id' on the domains inside an organization) are not required.
    /// </summary>
    internal static class Shapes
    {
        internal static readonly Shape<OrganizationDomain> OrganizationDomain =
            new Shape<OrganizationDomain>("an organization domain", WorkOSJsonContext.Default.OrganizationDomain, Domain, _ => { });

        internal static readonly Shape<Organization> Organization =
            new Shape<Organization>("an organization", WorkOSJsonContext.Default.Organization, OrganizationProblem, Complete);

        internal static readonly Shape<ListResponse<Organization>> OrganizationList =
            new Shape<ListResponse<Organization>>("a list of organizations", WorkOSJsonContext.Default.ListResponseOrganization, List(OrganizationProblem), list =>
            {
                list.Data ??= new List<Organization>();
                list.Data.ForEach(Complete);
            });

        internal static readonly Shape<ListResponse<EventWire>> EventList =
            new Shape<ListResponse<EventWire>>("a list of events", WorkOSJsonContext.Default.ListResponseEventWire, List(Event), list =>
            {
                list.Data ??= new List<EventWire>();
                foreach (EventWire wire in list.Data) wire.Domain = EventMapper.DomainOf(wire.Data);
            });

        internal static readonly Shape<PortalLinkBody> PortalLink =
            new Shape<PortalLinkBody>("an Admin Portal link", WorkOSJsonContext.Default.PortalLinkBody, Link, _ => { });

        private static string? Domain(JsonElement e) => Kind(e, "organization_domain") ?? Text(e, "id", "org_domain_") ?? Text(e, "domain");

        private static string? OrganizationProblem(JsonElement e) =>
            Kind(e, "organization") ?? Text(e, "id", "org_") ?? Text(e, "name") ?? Items(e, "domains", Domain, required: false);

        private static string? Event(JsonElement e) => Kind(e, "event") ?? Text(e, "id") ?? Text(e, "event") ?? Text(e, "created_at") ?? DomainData(e);

        /// <summary>A domain event's data must be the domain (or, for a failed verification, hold it as 'organization_domain').</summary>
        private static string? DomainData(JsonElement e)
        {
            string name = e.GetProperty("event").GetString()!;
            if (!name.StartsWith("organization_domain.", StringComparison.Ordinal)) return null;
            if (!e.TryGetProperty("data", out JsonElement data) || data.ValueKind != JsonValueKind.Object) return $"the data of its {name} event is not an object";
            JsonElement domain = data;
            if (name == DomainEventNames.VerificationFailed)
            {
                if (!data.TryGetProperty("organization_domain", out domain)) return $"the data of its {name} event has no 'organization_domain'";
            }
            return Domain(domain) is string problem ? $"the data of its {name} event is not an organization domain: {problem}" : null;
        }

        private static string? Link(JsonElement e) =>
            NotAnObject(e) ?? Text(e, "link")
            ?? (Uri.TryCreate(e.GetProperty("link").GetString(), UriKind.Absolute, out Uri? link) && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp)
                ? null : "its 'link' is not an http(s) address");

        private static Func<JsonElement, string?> List(Func<JsonElement, string?> item) =>
            e => NotAnObject(e) ?? (e.TryGetProperty("object", out _) ? Kind(e, "list") : null) ?? Items(e, "data", item, required: true);

        /// <summary>Organizations list their domains in full; older documents leave out each domain's organization id.</summary>
        private static void Complete(Organization organization)
        {
            organization.Domains ??= new List<OrganizationDomain>();
            foreach (OrganizationDomain domain in organization.Domains)
                if (string.IsNullOrEmpty(domain.OrganizationId)) domain.OrganizationId = organization.Id;
        }

        private static string? NotAnObject(JsonElement e) =>
            e.ValueKind == JsonValueKind.Object ? null : $"it is {Describe(e.ValueKind)} rather than a JSON object";

        private static string? Kind(JsonElement e, string expected)
        {
            if (NotAnObject(e) is string problem) return problem;
            if (!e.TryGetProperty("object", out JsonElement kind)) return "it has no 'object' member";
            return kind.ValueKind == JsonValueKind.String && kind.GetString() == expected ? null
                : $"its 'object' is {Quote(kind)}, not '{expected}'";
        }

        private static string? Text(JsonElement e, string name, string? prefix = null)
        {
            if (!e.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null) return $"it has no '{name}'";
            if (value.ValueKind != JsonValueKind.String) return $"its '{name}' is {Describe(value.ValueKind)}, not text";
            string text = value.GetString()!;
            if (text.Length == 0) return $"its '{name}' is empty";
            return prefix == null || text.StartsWith(prefix, StringComparison.Ordinal) ? null
                : $"its '{name}' is {Quote(value)}, which does not start with '{prefix}'";
        }

        private static string? Items(JsonElement e, string name, Func<JsonElement, string?> item, bool required)
        {
            if (!e.TryGetProperty(name, out JsonElement list)) return required ? $"it has no '{name}'" : null;
            if (list.ValueKind == JsonValueKind.Null) return null; // a null list is an empty list
            if (list.ValueKind != JsonValueKind.Array) return $"its '{name}' is {Describe(list.ValueKind)}, not a list";
            int index = 0;
            foreach (JsonElement entry in list.EnumerateArray())
            {
                index++;
                if (item(entry) is string problem) return $"item {index} of its '{name}' is wrong: {problem}";
            }
            return null;
        }

        private static string Quote(JsonElement value) =>
            value.ValueKind == JsonValueKind.String ? $"'{ErrorParser.Truncate(value.GetString(), 60)}'" : Describe(value.ValueKind);

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "a list",
            JsonValueKind.String => "text",
            JsonValueKind.Number => "a number",
            JsonValueKind.Null => "null",
            _ => "true or false",
        };
    }
}
