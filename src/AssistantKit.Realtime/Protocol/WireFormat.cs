using System.Buffers;
using System.Text.Json;

namespace AssistantKit.Realtime;

/// <summary>Writes and reads the frames of docs/realtime-protocol.md. Every frame is one JSON object with a <c>type</c>.</summary>
internal static class WireFormat
{
    public const string Welcome = "welcome";
    public const string Ping = "ping";
    public const string Pong = "pong";
    public const string Subscribe = "subscribe";
    public const string Unsubscribe = "unsubscribe";
    public const string Subscribed = "subscribed";
    public const string Resume = "resume";
    public const string Resumed = "resumed";
    public const string Reset = RealtimeEventTypes.Reset;
    public const string Error = "error";

    private static readonly HashSet<string> ControlTypes = [Welcome, Ping, Pong, Subscribe, Unsubscribe, Subscribed, Resume, Resumed, Reset, Error];

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    public static bool IsControlType(string type) => ControlTypes.Contains(type);

    /// <summary>
    /// An event frame: <c>{"type","data","timestamp","id","seq"}</c>; the first three are the original contract. A frame is
    /// one line: data published with line breaks between its tokens is written compactly (<see cref="RealtimeSubProtocols.Batch"/>
    /// separates frames with them).
    /// </summary>
    public static byte[] Event(RealtimeMessage message) => Write(message, static (writer, m) =>
    {
        writer.WriteString("type"u8, m.Type);
        writer.WritePropertyName("data"u8);
        if (m.Data.Span.IndexOfAny((byte)'\n', (byte)'\r') < 0)
        {
            writer.WriteRawValue(m.Data.Span, skipInputValidation: true);
        }
        else
        {
            using var data = JsonDocument.Parse(m.Data);
            data.WriteTo(writer);
        }

        writer.WriteString("timestamp"u8, m.Timestamp);
        writer.WriteString("id"u8, m.Id);
        writer.WriteNumber("seq"u8, m.Seq);
    });

    /// <summary>A control frame: <c>{"type","data","timestamp"}</c>, so that a client knowing only events can ignore it.</summary>
    public static byte[] Control<TState>(string type, TState state, Action<Utf8JsonWriter, TState> writeData, DateTimeOffset timestamp) =>
        Write((type, state, writeData, timestamp), static (writer, s) =>
        {
            writer.WriteString("type"u8, s.type);
            writer.WriteStartObject("data"u8);
            s.writeData(writer, s.state);
            writer.WriteEndObject();
            writer.WriteString("timestamp"u8, s.timestamp);
        });

    public static byte[] ErrorFrame(string code, string message, DateTimeOffset timestamp) =>
        Control(Error, (code, message), static (w, s) =>
        {
            w.WriteString("code"u8, s.code);
            w.WriteString("message"u8, s.message);
        }, timestamp);

    public static void WriteTypes(Utf8JsonWriter writer, IEnumerable<string>? types)
    {
        if (types is null)
        {
            writer.WriteNull("types"u8);
            return;
        }

        writer.WriteStartArray("types"u8);
        foreach (var type in types.Order(StringComparer.Ordinal))
        {
            writer.WriteStringValue(type);
        }

        writer.WriteEndArray();
    }

    private static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer, state);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads a frame the server sent; <see langword="null"/> when it is not a JSON object with a string <c>type</c> (also
    /// when it is not JSON, not UTF-8, or its fields have the wrong kinds: a hostile server cannot make the client throw).
    /// </summary>
    public static RealtimeEvent? ReadServerFrame(ReadOnlySpan<byte> frame)
    {
        try
        {
            var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 64 });
            if (!JsonDocument.TryParseValue(ref reader, out var document))
            {
                return null;
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type"u8, out var type) || type.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                var data = root.TryGetProperty("data"u8, out var d) ? d.Clone() : default;
                var timestamp = root.TryGetProperty("timestamp"u8, out var t) && t.ValueKind == JsonValueKind.String && t.TryGetDateTimeOffset(out var time) ? time : DateTimeOffset.MinValue;
                var seq = root.TryGetProperty("seq"u8, out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var n) ? n : 0;
                var id = root.TryGetProperty("id"u8, out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                return new RealtimeEvent(type.GetString()!, data, timestamp, seq, id);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null; // not JSON, or a string that is not valid UTF-8
        }
    }

    /// <summary>Checks that published data is exactly one JSON value.</summary>
    public static bool IsSingleJsonValue(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
