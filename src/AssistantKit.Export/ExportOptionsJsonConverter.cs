using System.Text.Json;
using System.Text.Json.Serialization;

namespace AssistantKit.Export;

/// <summary>
/// <see cref="ExportOptions"/> in JSON, as the original app's export dialog sent it: camelCase names
/// (<c>format</c>, <c>includeMetadata</c>, <c>dateRange: {start, end}</c>, <c>messageFilter: "assistant"</c> …), any
/// option left out keeps its default, and an unknown option is an error naming it (a misspelt option never silently
/// exports something else). Applied to the type, so every serializer and source-generated context uses it.
/// </summary>
/// <remarks>Source-generated System.Text.Json contexts set an init-only property that is missing from the JSON to the
/// type's default (<c>null</c>, <c>false</c>), not to the property's initial value; this converter starts from
/// <c>new ExportOptions()</c> instead.</remarks>
public sealed class ExportOptionsJsonConverter : JsonConverter<ExportOptions>
{
    private static readonly string[] Names =
    [
        "format", "includeMetadata", "includeTimestamps", "includeUserInfo", "dateRange", "messageFilter", "includeSystemMessages",
        "includeToolMessages", "includeReasoning", "timeZone", "culture", "fileNameTemplate", "writeByteOrderMark", "csvSeparator",
        "maxEmbeddedAttachmentBytes", "includeAlternatives",
    ];

    /// <inheritdoc />
    public override ExportOptions Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Export options are a JSON object.");
        }

        var result = new ExportOptions();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            result = Array.FindIndex(Names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) switch
            {
                0 => result with { Format = String(ref reader, name) },
                1 => result with { IncludeMetadata = Bool(ref reader, name) },
                2 => result with { IncludeTimestamps = Bool(ref reader, name) },
                3 => result with { IncludeUserInfo = Bool(ref reader, name) },
                4 => result with { DateRange = Range(ref reader) },
                5 => result with { MessageFilter = Enum.TryParse<MessageFilter>(String(ref reader, name), ignoreCase: true, out var filter) && Enum.IsDefined(filter) ? filter : throw new JsonException($"messageFilter is one of: {string.Join(", ", Enum.GetNames<MessageFilter>())}.") },
                6 => result with { IncludeSystemMessages = Bool(ref reader, name) },
                7 => result with { IncludeToolMessages = Bool(ref reader, name) },
                8 => result with { IncludeReasoning = Bool(ref reader, name) },
                9 => result with { TimeZone = String(ref reader, name) },
                10 => result with { Culture = String(ref reader, name) },
                11 => result with { FileNameTemplate = String(ref reader, name) },
                12 => result with { WriteByteOrderMark = Bool(ref reader, name) },
                13 => result with { CsvSeparator = String(ref reader, name) is [var separator] ? separator : throw new JsonException("csvSeparator is one character.") },
                14 => result with { MaxEmbeddedAttachmentBytes = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var bytes) ? bytes : throw new JsonException($"{name} is a whole number.") },
                15 => result with { IncludeAlternatives = Bool(ref reader, name) },
                _ => throw new JsonException($"Unknown export option '{name}'. Known options: {string.Join(", ", Names)}."),
            };
        }

        return result;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ExportOptions value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString(Names[0], value.Format);
        writer.WriteBoolean(Names[1], value.IncludeMetadata);
        writer.WriteBoolean(Names[2], value.IncludeTimestamps);
        writer.WriteBoolean(Names[3], value.IncludeUserInfo);
        if (value.DateRange is { } range)
        {
            writer.WriteStartObject(Names[4]);
            WriteTime(writer, "start", range.Start);
            WriteTime(writer, "end", range.End);
            writer.WriteEndObject();
        }

        writer.WriteString(Names[5], value.MessageFilter.ToString().ToLowerInvariant());
        writer.WriteBoolean(Names[6], value.IncludeSystemMessages);
        writer.WriteBoolean(Names[7], value.IncludeToolMessages);
        writer.WriteBoolean(Names[8], value.IncludeReasoning);
        writer.WriteString(Names[9], value.TimeZone);
        writer.WriteString(Names[10], value.Culture);
        writer.WriteString(Names[11], value.FileNameTemplate);
        writer.WriteBoolean(Names[12], value.WriteByteOrderMark);
        writer.WriteString(Names[13], value.CsvSeparator.ToString());
        writer.WriteNumber(Names[14], value.MaxEmbeddedAttachmentBytes);
        writer.WriteBoolean(Names[15], value.IncludeAlternatives);
        writer.WriteEndObject();
    }

    private static string String(ref Utf8JsonReader reader, string name) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException($"{name} is a string.");

    private static bool Bool(ref Utf8JsonReader reader, string name) =>
        reader.TokenType is JsonTokenType.True or JsonTokenType.False ? reader.GetBoolean() : throw new JsonException($"{name} is true or false.");

    private static DateRange? Range(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("dateRange is an object {start, end}.");
        }

        DateTimeOffset? start = null, end = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            DateTimeOffset? time = reader.TokenType == JsonTokenType.Null ? null
                : reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var parsed) ? parsed
                : throw new JsonException($"dateRange.{name} is an ISO 8601 time.");
            _ = name.ToLowerInvariant() switch
            {
                "start" => start = time,
                "end" => end = time,
                _ => throw new JsonException($"dateRange has start and end, not '{name}'."),
            };
        }

        return new DateRange(start, end);
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            writer.WriteString(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
