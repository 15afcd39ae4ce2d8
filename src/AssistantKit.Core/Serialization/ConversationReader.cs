using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AssistantKit.Serialization;

/// <summary>Parses a whole conversation document, turning every error into a <see cref="ConversationFormatException"/> with line and JSON path.</summary>
internal ref struct ConversationReader
{
    private readonly ReadOnlySpan<byte> _utf8;
    private readonly string? _fileName;
    private Utf8JsonReader _reader;
    private string _path;

    private ConversationReader(ReadOnlySpan<byte> utf8, string? fileName)
    {
        _utf8 = utf8;
        _fileName = fileName;
        _reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip });
        _path = "$";
    }

    public static Conversation Read(ReadOnlySpan<byte> utf8, string? fileName)
    {
        var reader = new ConversationReader(utf8, fileName);
        try
        {
            return reader.ReadDocument();
        }
        catch (JsonException ex)
        {
            // Malformed JSON (truncated, bad token): the reader knows the line, the path is where we were.
            throw new ConversationFormatException(TrimLocation(ex.Message), fileName, reader._path, ex.LineNumber + 1, ex);
        }
        catch (Exception ex) when (ex is not ConversationFormatException and (NotSupportedException or InvalidOperationException or FormatException or OverflowException or ArgumentException))
        {
            // A value the model cannot take (a part without its "type", text that is not UTF-8 …): still a format error, with where.
            throw new ConversationFormatException(TrimLocation(ex.Message), fileName, reader._path, reader.LineOf(reader._reader.TokenStartIndex), ex);
        }
    }

    private Conversation ReadDocument()
    {
        if (_utf8.Trim(" \t\r\n"u8).IsEmpty || !_reader.Read())
        {
            throw Error("The input is empty; expected a conversation JSON object");
        }

        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error($"Expected a conversation JSON object but found {_reader.TokenType}");
        }

        int? version = null;
        string? id = null, title = null, defaultModel = null;
        DateTimeOffset? createdAt = null, updatedAt = null;
        IReadOnlyList<Participant> participants = [];
        IReadOnlyDictionary<string, JsonElement> metadata = EmptyMetadata.Instance;
        var messages = new List<ConversationMessage>();
        var options = ConversationJson.Options;

        while (Next() != JsonTokenType.EndObject)
        {
            var name = _reader.GetString()!;
            _path = "$." + name;
            Next();
            switch (name)
            {
                case "schemaVersion":
                    version = ReadSchemaVersion();
                    break;
                case "id":
                    id = ReadValue(ConversationJson.TypeInfo<string>(options));
                    break;
                case "title":
                    title = ReadNullableString();
                    break;
                case "defaultModel":
                    defaultModel = ReadNullableString();
                    break;
                case "createdAt":
                    createdAt = ReadValue(ConversationJson.TypeInfo<DateTimeOffset?>(options));
                    break;
                case "updatedAt":
                    updatedAt = ReadValue(ConversationJson.TypeInfo<DateTimeOffset?>(options));
                    break;
                case "participants":
                    participants = ReadParticipants(options);
                    break;
                case "metadata":
                    metadata = ReadValue(ConversationJson.TypeInfo<IReadOnlyDictionary<string, JsonElement>>(options)) ?? EmptyMetadata.Instance;
                    break;
                case "messages":
                    ReadMessages(messages);
                    break;
                default:
                    _reader.Skip();
                    break;
            }
        }

        _path = "$";
        if (_reader.Read())
        {
            throw Error("Unexpected data after the end of the conversation object");
        }

        if (version is null)
        {
            _path = "$.schemaVersion";
            throw Error($"Missing \"schemaVersion\"; an AssistantKit conversation document has \"schemaVersion\": {ConversationJson.SchemaVersion}");
        }

        if (id is null)
        {
            _path = "$.id";
            throw Error("Missing required property \"id\"");
        }

        return new Conversation
        {
            Id = id,
            Title = title,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            DefaultModel = defaultModel,
            Participants = participants,
            Metadata = metadata,
            Messages = messages,
        };
    }

    private int ReadSchemaVersion()
    {
        if (_reader.TokenType != JsonTokenType.Number || !_reader.TryGetInt32(out var version))
        {
            throw Error("\"schemaVersion\" must be an integer");
        }

        if (version > ConversationJson.SchemaVersion)
        {
            throw Error($"Unsupported schemaVersion {version}: this version of AssistantKit reads schemaVersion {ConversationJson.SchemaVersion}; update AssistantKit to read this file");
        }

        if (version < 1)
        {
            throw Error($"Invalid schemaVersion {version}; the first schema version is 1");
        }

        return version;
    }

    private void ReadMessages(List<ConversationMessage> messages)
    {
        if (_reader.TokenType != JsonTokenType.StartArray)
        {
            throw Error($"\"messages\" must be an array but is {_reader.TokenType}");
        }

        var typeInfo = ConversationJson.MessageTypeInfo;
        var index = 0;
        while (Next() != JsonTokenType.EndArray)
        {
            _path = $"$.messages[{index}]";
            if (_reader.TokenType != JsonTokenType.StartObject)
            {
                throw Error($"A message must be a JSON object but is {_reader.TokenType}");
            }

            messages.Add(ReadValue(typeInfo)!);
            index++;
        }
    }

    private string? ReadNullableString() => _reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => _reader.GetString(),
        _ => throw Error($"Expected a string or null but found {_reader.TokenType}"),
    };

    private T? ReadValue<T>(JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(ref _reader, typeInfo);
        }
        catch (NotSupportedException ex)
        {
            // System.Text.Json says so for a polymorphic value without its discriminator: a part without "type".
            var inner = ex.Message.IndexOf("Path: $", StringComparison.Ordinal) is var at and >= 0 ? ex.Message[(at + 7)..].Split(' ')[0] : "";
            throw new ConversationFormatException(TrimLocation(ex.Message), _fileName, _path + inner, LineOf(_reader.TokenStartIndex), ex);
        }
        catch (JsonException ex)
        {
            var inner = ex.Path is { Length: > 1 } innerPath ? innerPath[1..] : "";
            throw new ConversationFormatException(TrimLocation(ex.Message), _fileName, _path + inner, Math.Max((ex.LineNumber ?? 0) + 1, LineOf(_reader.TokenStartIndex)), ex);
        }
    }

    private JsonTokenType Next()
    {
        if (!_reader.Read())
        {
            throw Error("The JSON ends early (truncated input)");
        }

        return _reader.TokenType;
    }

    private readonly ConversationFormatException Error(string message) =>
        new(message, _fileName, _path, LineOf(_reader.TokenStartIndex), null);

    private readonly long LineOf(long offset)
    {
        var end = (int)Math.Min(offset, _utf8.Length);
        return _utf8[..end].Count((byte)'\n') + 1;
    }

    /// <summary>System.Text.Json appends its own "Path: … | LineNumber: …" to messages; we report the location ourselves.</summary>
    private static string TrimLocation(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        return (cut < 0 ? message : message[..cut]).TrimEnd('.', ' ');
    }

    /// <summary>
    /// Reads the participants. A participant without <c>role</c> is a user, as the model says; a source-generated
    /// context alone would make it the role numbered 0 (system).
    /// </summary>
    private IReadOnlyList<Participant> ReadParticipants(JsonSerializerOptions options)
    {
        var line = LineOf(_reader.TokenStartIndex);
        var array = ReadValue(ConversationJson.TypeInfo<JsonElement>(options));
        if (array.ValueKind != JsonValueKind.Array)
        {
            return array.ValueKind == JsonValueKind.Null ? [] : throw new ConversationFormatException("participants must be an array", _fileName, _path, line, null);
        }

        var participants = new List<Participant>(array.GetArrayLength());
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            Participant? participant;
            try
            {
                participant = element.Deserialize(ConversationJson.TypeInfo<Participant>(options));
            }
            catch (JsonException ex)
            {
                var inner = ex.Path is { Length: > 1 } innerPath ? innerPath[1..] : "";
                throw new ConversationFormatException(TrimLocation(ex.Message), _fileName, $"{_path}[{index}]{inner}", line + (int)(ex.LineNumber ?? 0), ex);
            }

            index++;
            if (participant is not null)
            {
                participants.Add(element.ValueKind == JsonValueKind.Object && !element.TryGetProperty("role", out _) ? participant with { Role = MessageRole.User } : participant);
            }
        }

        return participants;
    }
}
