using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkOSDomains.Emulator;

internal static class Json
{
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new WorkOSTimestamp() },
    };

    /// <summary>list_metadata as WorkOS sends it: both cursors present, null at the ends.</summary>
    internal static JsonObject ListMetadata(string? before, string? after) => new() { ["before"] = before, ["after"] = after };

    /// <summary>Timestamps as WorkOS writes them: UTC, milliseconds, 'Z'.</summary>
    private sealed class WorkOSTimestamp : System.Text.Json.Serialization.JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }

    internal static IResult Error(int status, string message, string? code = null, IEnumerable<(string Field, string Code)>? errors = null)
    {
        var body = new JsonObject { ["message"] = message };
        if (code != null) body["code"] = code;
        if (errors != null) body["errors"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject { ["field"] = e.Field, ["code"] = e.Code }).ToArray());
        return Results.Json(body, Options, statusCode: status);
    }

    /// <summary>Serializes at once, so callers holding the store lock never hand out live state.</summary>
    internal static IResult Ok(object value, int status = 200) =>
        Results.Json(JsonSerializer.SerializeToNode(value, value.GetType(), Options), Options, statusCode: status);
}
