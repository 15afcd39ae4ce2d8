using System.Globalization;
using System.Text.Json;

namespace AssistantKit.Import;

/// <summary>Lenient accessors for other products' JSON: a missing, null or wrongly typed value reads as absent.</summary>
internal static class JsonRead
{
    public static JsonElement? Property(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? String(this JsonElement element, string name) => element.Property(name) is { } value ? AsString(value) : null;

    public static string? AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static bool Bool(this JsonElement element, string name) => element.Property(name) is { ValueKind: JsonValueKind.True };

    public static long? Long(this JsonElement element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    public static JsonElement? Object(this JsonElement element, string name) => element.Property(name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    public static IEnumerable<JsonElement> Array(this JsonElement element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.Array } value ? value.EnumerateArray() : [];

    /// <summary>Reads Unix seconds (integer or fractional) or an ISO-8601 string; ISO without an offset is UTC.</summary>
    public static DateTimeOffset? Time(this JsonElement element, string name)
    {
        switch (element.Property(name))
        {
            case { ValueKind: JsonValueKind.Number } number when number.TryGetDouble(out var seconds) && double.IsFinite(seconds) && Math.Abs(seconds) < 1e11:
                // Some exports use milliseconds; anything beyond year 5138 in seconds is taken as milliseconds.
                return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
            case { ValueKind: JsonValueKind.Number } number when number.TryGetDouble(out var millis) && double.IsFinite(millis) && Math.Abs(millis) < 1e14:
                return DateTimeOffset.UnixEpoch.AddTicks((long)(millis * TimeSpan.TicksPerMillisecond));
            case { ValueKind: JsonValueKind.String } text when DateTimeOffset.TryParse(text.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time):
                return time;
            default:
                return null;
        }
    }

    /// <summary>A JSON path segment for a property name: <c>.name</c>, or <c>['na.me']</c> when it needs quoting.</summary>
    public static string PathOf(string name) =>
        name.Length > 0 && name.All(static c => char.IsAsciiLetterOrDigit(c) || c == '_') ? "." + name : $"['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
}
