using System.Text.Json;

namespace AssistantKit.Serialization;

/// <summary>
/// Writes the AssistantKit conversation JSON one message at a time, so a conversation of any length
/// is written in constant memory: <see cref="WriteStart"/>, then <see cref="WriteMessage"/> per message,
/// then <see cref="WriteEnd"/>.
/// </summary>
/// <remarks>Not thread-safe; one instance writes one document.</remarks>
public sealed class ConversationJsonWriter
{
    private readonly Utf8JsonWriter _writer;
    private State _state;

    /// <summary>Initializes a new instance that writes to <paramref name="writer"/>.</summary>
    /// <param name="writer">The destination. Create it with <see cref="ConversationJson.WriterOptions"/> for the documented encoding.</param>
    public ConversationJsonWriter(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
    }

    private enum State
    {
        NotStarted,
        Messages,
        Ended,
    }

    /// <summary>Writes <c>schemaVersion</c> and the conversation's header fields, and opens the <c>messages</c> array.</summary>
    /// <param name="header">The conversation; its <see cref="Conversation.Messages"/> are ignored.</param>
    public void WriteStart(Conversation header)
    {
        ArgumentNullException.ThrowIfNull(header);
        Expect(State.NotStarted);
        var options = ConversationJson.Options;
        _writer.WriteStartObject();
        _writer.WriteNumber("schemaVersion"u8, ConversationJson.SchemaVersion);
        _writer.WriteString("id"u8, header.Id);
        WriteOptionalString("title"u8, header.Title);
        WriteOptionalTimestamp("createdAt"u8, header.CreatedAt);
        WriteOptionalTimestamp("updatedAt"u8, header.UpdatedAt);
        WriteOptionalString("defaultModel"u8, header.DefaultModel);
        if (header.Participants.Count > 0)
        {
            _writer.WritePropertyName("participants"u8);
            JsonSerializer.Serialize(_writer, header.Participants, ConversationJson.TypeInfo<IReadOnlyList<Participant>>(options));
        }

        if (header.Metadata.Count > 0)
        {
            _writer.WritePropertyName("metadata"u8);
            JsonSerializer.Serialize(_writer, header.Metadata, ConversationJson.TypeInfo<IReadOnlyDictionary<string, JsonElement>>(options));
        }

        _writer.WriteStartArray("messages"u8);
        _state = State.Messages;
    }

    /// <summary>Writes one message into the <c>messages</c> array.</summary>
    /// <param name="message">The message.</param>
    /// <remarks>
    /// The common fields are written directly (this is the hot path of every JSON export); parts, usage and metadata go
    /// through the contract's serializer. Property tests check that the result reads back to the same message.
    /// </remarks>
    public void WriteMessage(ConversationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Expect(State.Messages);
        var options = ConversationJson.Options;
        _writer.WriteStartObject();
        _writer.WriteString("id"u8, message.Id);
        WriteOptionalString("parentId"u8, message.ParentId);
        _writer.WriteString("role"u8, MessageRoleNames.ToWireNameUtf8(message.Role));
        WriteOptionalString("authorId"u8, message.AuthorId);
        WriteOptionalString("authorName"u8, message.AuthorName);
        _writer.WriteString("content"u8, message.Content);
        if (message.Parts.Count > 0)
        {
            _writer.WritePropertyName("parts"u8);
            JsonSerializer.Serialize(_writer, message.Parts, ConversationJson.TypeInfo<IReadOnlyList<MessagePart>>(options));
        }

        WriteOptionalTimestamp("createdAt"u8, message.CreatedAt);
        WriteOptionalString("model"u8, message.Model);
        if (message.Usage is { } usage)
        {
            _writer.WriteStartObject("usage"u8);
            WriteOptionalNumber("inputTokens"u8, usage.InputTokens);
            WriteOptionalNumber("outputTokens"u8, usage.OutputTokens);
            WriteOptionalNumber("totalTokens"u8, usage.TotalTokens);
            _writer.WriteEndObject();
        }

        if (message.Metadata.Count > 0)
        {
            _writer.WritePropertyName("metadata"u8);
            JsonSerializer.Serialize(_writer, message.Metadata, ConversationJson.TypeInfo<IReadOnlyDictionary<string, JsonElement>>(options));
        }

        _writer.WriteEndObject();
    }

    /// <summary>Closes the <c>messages</c> array and the document. The caller flushes the <see cref="Utf8JsonWriter"/> (<c>FlushAsync</c> for async-only streams).</summary>
    public void WriteEnd()
    {
        Expect(State.Messages);
        _writer.WriteEndArray();
        _writer.WriteEndObject();
        _state = State.Ended;
    }

    private void Expect(State state)
    {
        if (_state != state)
        {
            throw new InvalidOperationException(_state switch
            {
                State.NotStarted => "Call WriteStart before writing messages or ending the document.",
                State.Messages => "WriteStart was already called for this document.",
                _ => "The document has already been ended.",
            });
        }
    }

    private void WriteOptionalString(ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            _writer.WriteString(name, value);
        }
    }

    private void WriteOptionalNumber(ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } number)
        {
            _writer.WriteNumber(name, number);
        }
    }

    private void WriteOptionalTimestamp(ReadOnlySpan<byte> name, DateTimeOffset? value)
    {
        if (value is { } timestamp)
        {
            _writer.WriteString(name, timestamp);
        }
    }
}
