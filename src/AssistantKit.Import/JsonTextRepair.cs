using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace AssistantKit.Import;

/// <summary>
/// Makes a conversation with broken text readable: a string holding invalid UTF-8 or an escaped lone surrogate
/// (<c>"\ud800"</c>) would make every read of it throw, failing the whole conversation. Such strings (values and property
/// names) are rewritten with U+FFFD in place of each broken sequence, and each one is reported with its JSON path.
/// </summary>
internal static class JsonTextRepair
{
    /// <summary>
    /// Returns a repaired copy of <paramref name="value"/>, or <see langword="null"/> when every string in it is valid
    /// (the common case, decided by one vectorized pass over the raw bytes).
    /// </summary>
    /// <param name="value">The value as parsed.</param>
    /// <param name="maxDepth">The nesting the copy may reach.</param>
    /// <param name="repaired">Called with the JSON path (below the value) of each string repaired.</param>
    public static JsonDocument? Repair(JsonElement value, int maxDepth, Action<string> repaired)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (System.Text.Unicode.Utf8.IsValid(raw) && !HasSurrogateEscape(raw))
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(raw.Length + 256);
        var any = false;
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = maxDepth + 1, SkipValidation = true }))
        {
            var stack = new Stack<(IEnumerator<(string? Name, JsonElement Value, string Path)> Items, bool IsObject)>();
            Write(writer, null, value, "", stack, repaired, ref any);
            while (stack.Count > 0)
            {
                var (items, isObject) = stack.Peek();
                if (!items.MoveNext())
                {
                    stack.Pop();
                    if (isObject)
                    {
                        writer.WriteEndObject();
                    }
                    else
                    {
                        writer.WriteEndArray();
                    }

                    continue;
                }

                var (name, item, path) = items.Current;
                Write(writer, name, item, path, stack, repaired, ref any);
            }
        }

        return any ? JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = maxDepth + 1 }) : null;
    }

    private static void Write(Utf8JsonWriter writer, string? name, JsonElement value, string path, Stack<(IEnumerator<(string?, JsonElement, string)>, bool)> stack, Action<string> repaired, ref bool any)
    {
        if (name is not null)
        {
            writer.WritePropertyName(name);
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                stack.Push((Members(value, path, repaired).GetEnumerator(), true));
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                stack.Push((value.EnumerateArray().Select((item, i) => ((string?)null, item, $"{path}[{i}]")).GetEnumerator(), false));
                break;
            case JsonValueKind.String:
                if (!TryGetString(value, out var text))
                {
                    text = Decode(Unquote(JsonMarshal.GetRawUtf8Value(value)));
                    repaired(path);
                    any = true;
                }

                writer.WriteStringValue(text);
                break;
            default:
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
                break;
        }
    }

    private static IEnumerable<(string?, JsonElement, string)> Members(JsonElement value, string path, Action<string> repaired)
    {
        foreach (var property in value.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                name = Decode(Unquote(JsonMarshal.GetRawUtf8PropertyName(property)));
                repaired($"{path}{JsonRead.PathOf(name)} (property name)");
            }

            yield return (name, property.Value, path + JsonRead.PathOf(name));
        }
    }

    private static bool TryGetString(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>Whether the raw text has a <c>\uD800</c>–<c>\uDFFF</c> escape (a pair or a lone one; the slow path tells them apart).</summary>
    private static bool HasSurrogateEscape(ReadOnlySpan<byte> raw)
    {
        while (raw.IndexOf("\\u"u8) is var i and >= 0 && i + 3 < raw.Length)
        {
            if (raw[i + 2] is (byte)'d' or (byte)'D' && raw[i + 3] is (byte)'8' or (byte)'9' or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F'))
            {
                return true;
            }

            raw = raw[(i + 2)..];
        }

        return false;
    }

    /// <summary>Decodes a JSON string's raw bytes (escapes unresolved, without quotes) leniently: each broken sequence becomes U+FFFD.</summary>
    internal static string Decode(ReadOnlySpan<byte> raw)
    {
        var text = new StringBuilder(raw.Length);
        while (raw.Length > 0)
        {
            var escape = raw.IndexOf((byte)'\\');
            var run = escape < 0 ? raw : raw[..escape];
            text.Append(Encoding.UTF8.GetString(run)); // the default UTF8 encoding replaces invalid bytes with U+FFFD
            if (escape < 0 || escape + 1 >= raw.Length)
            {
                break;
            }

            raw = raw[(escape + 1)..];
            if (raw[0] != (byte)'u')
            {
                text.Append(raw[0] switch { (byte)'n' => '\n', (byte)'r' => '\r', (byte)'t' => '\t', (byte)'b' => '\b', (byte)'f' => '\f', var c => (char)c });
                raw = raw[1..];
                continue;
            }

            var unit = Hex(raw);
            raw = raw[Math.Min(5, raw.Length)..];
            if (char.IsHighSurrogate(unit) && raw.Length >= 6 && raw[0] == (byte)'\\' && Hex(raw[1..]) is var low && char.IsLowSurrogate(low))
            {
                text.Append(unit).Append(low);
                raw = raw[6..];
            }
            else
            {
                text.Append(char.IsSurrogate(unit) ? '\uFFFD' : unit);
            }
        }

        return text.ToString();
    }

    private static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> raw) =>
        raw.Length >= 2 && raw[0] == (byte)'"' && raw[^1] == (byte)'"' ? raw[1..^1] : raw;

    private static char Hex(ReadOnlySpan<byte> escape) =>
        escape.Length >= 5 && escape[0] == (byte)'u' && ushort.TryParse(escape[1..5], System.Globalization.NumberStyles.AllowHexSpecifier, null, out var unit) ? (char)unit : '\uFFFD';
}
