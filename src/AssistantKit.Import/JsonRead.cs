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

    /// <summary>Reads a role by its wire name (<c>system</c>, <c>user</c>, <c>assistant</c>, <c>tool</c>); anything else (<c>human</c>, missing) is the user.</summary>
    public static MessageRole Role(this JsonElement element, string name) =>
        MessageRoleNames.TryParse(element.String(name), out var role) ? role : MessageRole.User;

    public static bool Bool(this JsonElement element, string name) => element.Property(name) is { ValueKind: JsonValueKind.True };

    public static long? Long(this JsonElement element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    public static JsonElement? Object(this JsonElement element, string name) => element.Property(name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    public static IEnumerable<JsonElement> Array(this JsonElement element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.Array } value ? value.EnumerateArray() : [];

    /// <summary>
    /// Reads a time by the one rule every importer follows: a number (or a string of one) is Unix seconds, integer or
    /// fractional; another string is ISO-8601 (UTC when it has no offset). A value that is not a time between the years 1
    /// and 9999 reads as absent and is reported with its path, never guessed at (no milliseconds heuristics) or thrown.
    /// </summary>
    /// <param name="element">The object holding the time.</param>
    /// <param name="name">The property name.</param>
    /// <param name="context">Where warnings go, or <see langword="null"/> for none (a value read twice is reported once).</param>
    /// <param name="path">The JSON path of <paramref name="element"/> below the conversation.</param>
    public static DateTimeOffset? Time(this JsonElement element, string name, ImportContext? context, string path)
    {
        if (element.Property(name) is not { } value)
        {
            return null;
        }

        decimal? seconds = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDecimal(out var number) ? number : decimal.MaxValue, // beyond decimal (1e400): out of range
            JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
        if (seconds is { } unix)
        {
            if (unix is >= MinSeconds and <= MaxSeconds)
            {
                return DateTimeOffset.UnixEpoch.AddTicks((long)decimal.Round(unix * TimeSpan.TicksPerSecond));
            }
        }
        else if (value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        context?.Warn($"\"{name}\" is {Describe(value)}, not a time in Unix seconds or ISO-8601 between the years 1 and 9999; the time is left out", path + PathOf(name));
        return null;
    }

    private const decimal MinSeconds = -62_135_596_800m; // 0001-01-01T00:00:00Z
    private const decimal MaxSeconds = 253_402_300_799.9999999m; // 9999-12-31T23:59:59.9999999Z

    private static string Describe(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= 40 ? raw : raw[..40] + "…";
    }

    /// <summary>A JSON path segment for a property name: <c>.name</c>, or <c>['na.me']</c> when it needs quoting.</summary>
    public static string PathOf(string name) =>
        name.Length > 0 && name.All(static c => char.IsAsciiLetterOrDigit(c) || c == '_') ? "." + name : $"['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
}
