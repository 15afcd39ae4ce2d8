using System.Text;
using System.Text.Json;
using AssistantKit.Serialization;
using AssistantKit.Text;
using Microsoft.Extensions.AI;

namespace AssistantKit.AI;

/// <summary>
/// Converts between <see cref="ConversationMessage"/> and Microsoft.Extensions.AI <see cref="ChatMessage"/>,
/// so a stored conversation can be sent to any <see cref="IChatClient"/> and a chat client's history exported.
/// </summary>
/// <remarks>
/// <para><see cref="ConversationMessage"/> → <see cref="ChatMessage"/> → <see cref="ConversationMessage"/> is lossless.
/// Fields that <see cref="ChatMessage"/> has no place for (parent id, author id, model, code language, raw tool
/// arguments) travel in <see cref="ChatMessage.AdditionalProperties"/> under keys starting with <c>assistantkit.</c>.</para>
/// <para>The other way, several <see cref="TextContent"/> items of one message are joined into
/// <see cref="ConversationMessage.Content"/>; content kinds without an AssistantKit part (for example hosted files)
/// are kept as JSON in the message metadata under <c>assistantkit.contents</c> rather than dropped.
/// <see cref="AdditionalPropertiesDictionary"/> compares keys case-insensitively, so metadata keys that differ
/// only in case collapse into one on the way to a <see cref="ChatMessage"/>.</para>
/// </remarks>
public static class ChatMessageInterop
{
    private const string Prefix = "assistantkit.";
    private const string PartKey = Prefix + "part";
    private const string LanguageKey = Prefix + "language";
    private const string ArgumentsKey = Prefix + "arguments";
    private const string IsErrorKey = Prefix + "isError";
    private const string NameKey = Prefix + "name";
    private const string NoMediaTypeKey = Prefix + "noMediaType";
    private const string UriKey = Prefix + "uri";
    private const string ParentIdKey = Prefix + "parentId";
    private const string AuthorIdKey = Prefix + "authorId";
    private const string ModelKey = Prefix + "model";
    private const string AuthorNameKey = Prefix + "authorName";
    private const string ChatRoleKey = Prefix + "chatRole";
    private const string ContentsKey = Prefix + "contents";
    private const string DefaultMediaType = "application/octet-stream";

    /// <summary>Converts an AssistantKit message to a Microsoft.Extensions.AI chat message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The chat message.</returns>
    public static ChatMessage ToChatMessage(this ConversationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var contents = new List<AIContent>(message.Parts.Count + 2);
        if (message.Content.Length > 0)
        {
            contents.Add(new TextContent(message.Content));
        }

        foreach (var part in message.Parts)
        {
            contents.Add(ToContent(part));
        }

        if (message.Usage is { } usage)
        {
            contents.Add(new UsageContent(new UsageDetails
            {
                InputTokenCount = usage.InputTokens,
                OutputTokenCount = usage.OutputTokens,
                TotalTokenCount = usage.TotalTokens,
            }));
        }

        var properties = new AdditionalPropertiesDictionary();
        var role = ToChatRole(message);
        foreach (var (key, value) in message.Metadata)
        {
            if (key == ChatRoleKey || key == ContentsKey)
            {
                continue;
            }

            properties[key] = value;
        }

        AddIfNotNull(properties, ParentIdKey, message.ParentId);
        AddIfNotNull(properties, AuthorIdKey, message.AuthorId);
        AddIfNotNull(properties, ModelKey, message.Model);
        if (message.AuthorName is { } authorName && string.IsNullOrWhiteSpace(authorName))
        {
            properties[AuthorNameKey] = authorName; // ChatMessage.AuthorName turns blank names into null.
        }
        if (message.Metadata.TryGetValue(ContentsKey, out var unmapped) && unmapped.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in unmapped.EnumerateArray())
            {
                if (item.Deserialize(AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(AIContent))) is AIContent content)
                {
                    contents.Add(content);
                }
            }
        }

        return new ChatMessage(role, contents)
        {
            MessageId = message.Id,
            AuthorName = message.AuthorName,
            CreatedAt = message.CreatedAt,
            AdditionalProperties = properties.Count > 0 ? properties : null,
        };
    }

    /// <summary>Converts AssistantKit messages to Microsoft.Extensions.AI chat messages, in order.</summary>
    /// <param name="messages">The messages.</param>
    /// <returns>The chat messages.</returns>
    public static IList<ChatMessage> ToChatMessages(this IEnumerable<ConversationMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages.Select(ToChatMessage).ToList();
    }

    /// <summary>Converts a Microsoft.Extensions.AI chat message to an AssistantKit message.</summary>
    /// <param name="message">The chat message.</param>
    /// <param name="fallbackId">The id to use when <see cref="ChatMessage.MessageId"/> is <see langword="null"/>; a new GUID when this is <see langword="null"/> too.</param>
    /// <returns>The AssistantKit message.</returns>
    public static ConversationMessage ToConversationMessage(this ChatMessage message, string? fallbackId = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder();
        var parts = new List<MessagePart>();
        var unmapped = new List<JsonElement>();
        TokenUsage? usage = null;
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent { AdditionalProperties: { } props } code when AsString(props.GetValueOrDefault(PartKey)) == "code":
                    parts.Add(ToCodePart(code.Text, props));
                    break;
                case TextContent plain:
                    text.Append(plain.Text);
                    break;
                case UsageContent { Details: var details }:
                    usage = new TokenUsage { InputTokens = details.InputTokenCount, OutputTokens = details.OutputTokenCount, TotalTokens = details.TotalTokenCount };
                    break;
                default:
                    if (ToPart(content) is { } part)
                    {
                        parts.Add(part);
                    }
                    else
                    {
                        unmapped.Add(JsonSerializer.SerializeToElement(content, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(AIContent))));
                    }

                    break;
            }
        }

        var metadata = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        string? parentId = null, authorId = null, model = null, authorName = message.AuthorName;
        foreach (var (key, value) in message.AdditionalProperties ?? [])
        {
            switch (key)
            {
                case ParentIdKey:
                    parentId = AsString(value);
                    break;
                case AuthorIdKey:
                    authorId = AsString(value);
                    break;
                case ModelKey:
                    model = AsString(value);
                    break;
                case AuthorNameKey:
                    authorName = AsString(value);
                    break;
                default:
                    metadata[key] = ToElement(value);
                    break;
            }
        }

        if (unmapped.Count > 0)
        {
            metadata[ContentsKey] = JsonSerializer.SerializeToElement(unmapped, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(List<JsonElement>)));
        }

        var role = FromChatRole(message.Role, out var customRole);
        if (customRole is not null)
        {
            metadata[ChatRoleKey] = JsonSerializer.SerializeToElement(customRole, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(string)));
        }

        return new ConversationMessage
        {
            Id = message.MessageId ?? fallbackId ?? Guid.NewGuid().ToString("N"),
            ParentId = parentId,
            Role = role,
            AuthorId = authorId,
            AuthorName = authorName,
            Content = text.ToString(),
            Parts = parts,
            CreatedAt = message.CreatedAt,
            Model = model,
            Usage = usage,
            Metadata = metadata.Count > 0 ? metadata : EmptyMetadata.Instance,
        };
    }

    /// <summary>Converts Microsoft.Extensions.AI chat messages to AssistantKit messages; messages without an id get <c>msg-N</c> by position.</summary>
    /// <param name="messages">The chat messages.</param>
    /// <returns>The AssistantKit messages.</returns>
    public static IReadOnlyList<ConversationMessage> ToConversationMessages(this IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages.Select(static (message, index) => message.ToConversationMessage($"msg-{index + 1}")).ToList();
    }

    private static AIContent ToContent(MessagePart part)
    {
        switch (part)
        {
            case CodePart code:
                var fence = MarkdownRules.CodeFence(code.Code);
                return new TextContent($"{fence}{InfoString(code.Language)}\n{code.Code}\n{fence}")
                {
                    AdditionalProperties = WithOptional(new() { [PartKey] = "code" }, LanguageKey, code.Language),
                };
            case ToolCallPart call:
                return new FunctionCallContent(call.CallId, call.Name, ParseArguments(call.Arguments))
                {
                    AdditionalProperties = WithOptional([], ArgumentsKey, call.Arguments),
                };
            case ToolResultPart result:
                return new FunctionResultContent(result.CallId, result.Result)
                {
                    AdditionalProperties = result.IsError ? new() { [IsErrorKey] = true } : null,
                };
            case ReasoningPart reasoning:
                return new TextReasoningContent(reasoning.Text);
            case AttachmentPart attachment:
                var properties = WithOptional([], NameKey, attachment.Uri is not null && attachment.Data is null ? attachment.Name : null);
                AddIfNotNull(properties, UriKey, attachment.Data is not null ? attachment.Uri?.OriginalString : null);
                if (attachment.MediaType is null)
                {
                    properties[NoMediaTypeKey] = true;
                }

                AIContent content = attachment.Data is { } data
                    ? new DataContent(data, attachment.MediaType ?? DefaultMediaType) { Name = attachment.Name }
                    : new UriContent(attachment.Uri ?? new Uri("about:blank"), attachment.MediaType ?? DefaultMediaType);
                content.AdditionalProperties = properties.Count > 0 ? properties : null;
                return content;
            default:
                throw new ArgumentException($"Unknown message part type {part.GetType().Name}.", nameof(part));
        }
    }

    private static MessagePart? ToPart(AIContent content)
    {
        var props = content.AdditionalProperties;
        var mediaType = props?.ContainsKey(NoMediaTypeKey) == true ? null : (content as DataContent)?.MediaType ?? (content as UriContent)?.MediaType;
        return content switch
        {
            FunctionCallContent call => new ToolCallPart
            {
                CallId = call.CallId,
                Name = call.Name,
                Arguments = props?.GetValueOrDefault(ArgumentsKey) is { } raw ? AsString(raw)
                    : call.Arguments is null ? null
                    : ToCompactJson(call.Arguments, typeof(IDictionary<string, object?>)),
            },
            FunctionResultContent result => new ToolResultPart
            {
                CallId = result.CallId,
                Result = result.Result switch
                {
                    null => null,
                    string s => s,
                    JsonElement { ValueKind: JsonValueKind.String } s => s.GetString(),
                    var other => ToCompactJson(other, typeof(object)),
                },
                IsError = result.Exception is not null || props?.ContainsKey(IsErrorKey) == true,
            },
            TextReasoningContent reasoning => new ReasoningPart { Text = reasoning.Text },
            DataContent data => new AttachmentPart
            {
                Data = data.Data,
                MediaType = mediaType,
                Name = data.Name,
                Uri = props?.GetValueOrDefault(UriKey) is { } uri ? new Uri(AsString(uri)!, UriKind.RelativeOrAbsolute) : null,
            },
            UriContent uri => new AttachmentPart
            {
                Uri = uri.Uri.OriginalString == "about:blank" ? null : uri.Uri,
                MediaType = mediaType,
                Name = props?.GetValueOrDefault(NameKey) is { } name ? AsString(name) : null,
            },
            _ => null,
        };
    }

    private static CodePart ToCodePart(string fenced, AdditionalPropertiesDictionary props)
    {
        // The text is "{fence}{language}\n{code}\n{fence}" as written by ToContent.
        var language = props.GetValueOrDefault(LanguageKey) is { } value ? AsString(value) : null;
        var fenceLength = fenced.Length - fenced.TrimStart('`').Length;
        var start = fenceLength + InfoString(language).Length + 1;
        var end = fenced.Length - fenceLength - 1;
        return new CodePart { Code = end >= start ? fenced[start..end] : fenced, Language = language };
    }

    /// <summary>The language as a fence info string: one line, no backticks (the exact language travels in AdditionalProperties).</summary>
    private static string InfoString(string? language) =>
        language is null ? "" : string.Create(language.Length, language, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is '`' or '\n' or '\r' ? ' ' : source[i];
            }
        });

    private static ChatRole ToChatRole(ConversationMessage message)
    {
        if (message.Metadata.TryGetValue(ChatRoleKey, out var custom) && custom.ValueKind == JsonValueKind.String)
        {
            return new ChatRole(custom.GetString()!);
        }

        return message.Role switch
        {
            MessageRole.System => ChatRole.System,
            MessageRole.Assistant => ChatRole.Assistant,
            MessageRole.Tool => ChatRole.Tool,
            _ => ChatRole.User,
        };
    }

    private static MessageRole FromChatRole(ChatRole role, out string? customRole)
    {
        customRole = null;
        if (role == ChatRole.User)
        {
            return MessageRole.User;
        }

        if (role == ChatRole.Assistant)
        {
            return MessageRole.Assistant;
        }

        if (role == ChatRole.System)
        {
            return MessageRole.System;
        }

        if (role == ChatRole.Tool)
        {
            return MessageRole.Tool;
        }

        // "developer" (OpenAI) and any other custom role: kept verbatim so the round trip restores it.
        customRole = role.Value;
        return string.Equals(role.Value, "developer", StringComparison.OrdinalIgnoreCase) ? MessageRole.System : MessageRole.User;
    }

    private static IDictionary<string, object?>? ParseArguments(string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(arguments);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().ToDictionary(static p => p.Name, static p => (object?)p.Value.Clone(), StringComparer.Ordinal)
                : null;
        }
        catch (JsonException)
        {
            return null; // Models do produce invalid JSON arguments; the raw text travels in AdditionalProperties.
        }
    }

    private static JsonElement ToElement(object? value) => value switch
    {
        JsonElement element => element,
        _ => JsonSerializer.SerializeToElement(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(object))),
    };

    private static string ToCompactJson(object value, Type type)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ConversationJson.WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, AIJsonUtilities.DefaultOptions.GetTypeInfo(type));
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? AsString(object? value) => value switch
    {
        null => null,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        _ => value.ToString(),
    };

    private static AdditionalPropertiesDictionary WithOptional(AdditionalPropertiesDictionary properties, string key, string? value)
    {
        AddIfNotNull(properties, key, value);
        return properties;
    }

    private static void AddIfNotNull(AdditionalPropertiesDictionary properties, string key, string? value)
    {
        if (value is not null)
        {
            properties[key] = value;
        }
    }
}
