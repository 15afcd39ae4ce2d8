using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AssistantKit.Serialization;

/// <summary>
/// Reads and writes the AssistantKit conversation JSON (<c>"schemaVersion": 1</c>), documented in
/// <c>docs/conversation-json.md</c> with a JSON Schema. Round trip through it is lossless.
/// </summary>
/// <remarks>
/// Writers put <c>schemaVersion</c> first; readers accept it anywhere in the top-level object and refuse
/// versions they do not know. Unknown properties are ignored, so later additions stay readable.
/// Timestamps carry their offset; one without an offset is read as UTC. Reading bad input throws
/// <see cref="ConversationFormatException"/> only (<see href="https://github.com/assistantkit/assistantkit/blob/main/docs/hostile-input.md">the hostile-input contract</see>).
/// </remarks>
public static class ConversationJson
{
    /// <summary>The schema version this library writes and the newest it reads.</summary>
    public const int SchemaVersion = 1;

    private const int MaxDepth = 64;

    /// <summary>Gets the serializer options of the contract (source-generated, read-only).</summary>
    /// <remarks>Use them to serialize a single <see cref="ConversationMessage"/> or <see cref="Participant"/> the way documents do.</remarks>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Gets the writer options of the contract: readable non-ASCII text, no indentation.</summary>
    /// <remarks>
    /// Letters of every script are written as they are ("Grüße", "Привет"), not as <c>\uXXXX</c> escapes.
    /// HTML-sensitive characters are not escaped either: the output is a JSON file, not a fragment for a web page.
    /// </remarks>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxDepth,
    };

    internal static JsonTypeInfo<ConversationMessage> MessageTypeInfo { get; } = TypeInfo<ConversationMessage>(Options);

    /// <summary>Serializes <paramref name="conversation"/> to a JSON string.</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="indented"><see langword="true"/> to indent the output for people.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(Conversation conversation, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions with { Indented = indented }))
        {
            Write(conversation, writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes <paramref name="conversation"/> to <paramref name="writer"/>.</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="writer">The destination.</param>
    public static void Write(Conversation conversation, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var documentWriter = new ConversationJsonWriter(writer);
        documentWriter.WriteStart(conversation);
        foreach (var message in conversation.Messages)
        {
            documentWriter.WriteMessage(message);
        }

        documentWriter.WriteEnd();
        writer.Flush();
    }

    /// <summary>Writes <paramref name="conversation"/> to <paramref name="destination"/> as UTF-8 JSON.</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="destination">The stream to write to; it is left open.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when everything is written and flushed.</returns>
    public static async Task WriteAsync(Conversation conversation, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(destination);
        var writer = new Utf8JsonWriter(destination, WriterOptions);
        await using var writerScope = writer.ConfigureAwait(false);
        var documentWriter = new ConversationJsonWriter(writer);
        documentWriter.WriteStart(conversation);
        foreach (var message in conversation.Messages)
        {
            documentWriter.WriteMessage(message);
            if (writer.BytesPending > 64 * 1024)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        documentWriter.WriteEnd();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Parses a conversation from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The conversation.</returns>
    /// <exception cref="ConversationFormatException">The text is not a valid conversation document; the exception names the line and JSON path.</exception>
    public static Conversation Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(System.Text.Encoding.UTF8.GetBytes(json), fileName: null);
    }

    /// <summary>Parses a conversation from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The UTF-8 bytes (a leading byte-order mark is allowed).</param>
    /// <param name="fileName">The file the bytes came from, named in errors; or <see langword="null"/>.</param>
    /// <returns>The conversation.</returns>
    /// <exception cref="ConversationFormatException">The bytes are not a valid conversation document.</exception>
    public static Conversation Read(ReadOnlySpan<byte> utf8Json, string? fileName = null)
    {
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        return ConversationReader.Read(utf8Json, fileName);
    }

    /// <summary>Reads a conversation from a stream of UTF-8 JSON.</summary>
    /// <param name="source">The stream; it is read to its end and left open.</param>
    /// <param name="fileName">The file the stream reads, named in errors; or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The conversation.</returns>
    /// <exception cref="ConversationFormatException">The stream does not hold a valid conversation document.</exception>
    public static async Task<Conversation> ReadAsync(Stream source, string? fileName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        for (int read; (read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0;)
        {
            if (buffer.Length + read > MaxDocumentBytes)
            {
                // An endless or huge input (/dev/zero) stops here, not at the memory limit. Stream a large export with ConversationJson's writer and IConversationReader instead.
                throw new ConversationFormatException($"The document is larger than {MaxDocumentBytes:N0} bytes, the most ReadAsync holds in memory", fileName, "$", null, null);
            }

            buffer.Write(chunk, 0, read);
        }

        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), fileName);
    }

    /// <summary>The largest document <see cref="ReadAsync"/> and <see cref="ReadFileAsync"/> read into memory: 1 GiB.</summary>
    public const int MaxDocumentBytes = 1 << 30;

    /// <summary>Reads a conversation from a JSON file.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The conversation.</returns>
    /// <exception cref="ConversationFormatException">The file does not hold a valid conversation document; the exception names the file.</exception>
    public static async Task<Conversation> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        await using var streamScope = stream.ConfigureAwait(false);
        return await ReadAsync(stream, Path.GetFileName(path), cancellationToken).ConfigureAwait(false);
    }

    internal static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(ConversationJsonContext.Default.Options)
        {
            TypeInfoResolver = ConversationJsonContext.Default.WithAddedModifier(OmitEmptyCollections),
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            MaxDepth = MaxDepth,
            Converters = { new MessageRoleConverter(), new TimestampConverter() },
        };
        options.MakeReadOnly();
        return options;
    }

    private static void OmitEmptyCollections(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType != typeof(string) && property.PropertyType.IsAssignableTo(typeof(System.Collections.IEnumerable)))
            {
                property.ShouldSerialize = static (_, value) => value is not System.Collections.ICollection { Count: 0 };
            }
        }
    }
}
