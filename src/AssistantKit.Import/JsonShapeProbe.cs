using System.Text.Json;

namespace AssistantKit.Import;

/// <summary>Reads the start of a document (possibly incomplete) and summarizes its shape for format detection.</summary>
internal static class JsonShapeProbe
{
    /// <summary>Returns the shape, or <see langword="null"/> when the start is not a JSON object or array.</summary>
    public static JsonShape? Probe(ReadOnlySpan<byte> start, bool isFinalBlock)
    {
        if (start.StartsWith("\uFEFF"u8))
        {
            start = start[3..];
        }

        var reader = new Utf8JsonReader(start, isFinalBlock, new JsonReaderState(new JsonReaderOptions { MaxDepth = 256, CommentHandling = JsonCommentHandling.Skip }));
        var properties = new HashSet<string>(StringComparer.Ordinal);
        var nested = new HashSet<string>(StringComparer.Ordinal);
        var isArray = false;
        try
        {
            if (!reader.Read() || reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                return null;
            }
        }
        catch (JsonException)
        {
            return null; // not JSON at all
        }

        try
        {
            isArray = reader.TokenType == JsonTokenType.StartArray;
            if (isArray && (!reader.Read() || reader.TokenType != JsonTokenType.StartObject))
            {
                return new JsonShape(true, properties, nested);
            }

            var objectDepth = reader.CurrentDepth;
            string? parent = null;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == objectDepth)
                {
                    break;
                }

                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                var name = Name(ref reader);
                if (reader.CurrentDepth == objectDepth + 1)
                {
                    properties.Add(name);
                    parent = name;
                }
                else if (parent is not null && reader.CurrentDepth <= objectDepth + 3)
                {
                    nested.Add(parent + "." + name); // "chat.history", "messages.role" (first element of an array)
                }
            }
        }
        catch (JsonException)
        {
            // Malformed start: what was seen is all there is; the full read reports the error with its position.
        }

        return new JsonShape(isArray, properties, nested);
    }

    private static string Name(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return JsonTextRepair.Decode(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan); // not valid UTF-8: the import reports it
        }
    }
}
