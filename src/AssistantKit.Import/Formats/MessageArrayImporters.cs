using System.Text;
using System.Text.Json;
using AssistantKit.AI;
using Microsoft.Extensions.AI;

namespace AssistantKit.Import.Formats;

/// <summary>
/// OpenAI Chat Completions <c>messages</c> (a bare array, or a request body with <c>messages</c>): string or part
/// content, <c>tool_calls</c> with their (possibly invalid) JSON arguments, <c>tool</c> results, the <c>developer</c> role.
/// </summary>
internal sealed class OpenAiMessagesImporter : IConversationImporter
{
    public string Format => "openai";

    public string Description => "OpenAI Chat Completions messages (array, or request body with messages)";

    public bool ArrayHoldsConversations => false;

    public int Detect(JsonShape shape) =>
        shape.IsArray && shape.Has("role", "content") ? 80
        : !shape.IsArray && shape.Has("messages") && !shape.Has("system") ? 50
        : 0;

    public IEnumerable<Conversation> Read(JsonElement value, ImportContext context)
    {
        var (messages, path) = value.ValueKind == JsonValueKind.Array ? (value, "") : (value.Property("messages") ?? default, ".messages");
        if (messages.ValueKind != JsonValueKind.Array)
        {
            throw context.Error("Expected an array of messages", path);
        }

        var result = new LinearMessages();
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var here = $"{path}[{index}]";
            var roleName = message.String("role") ?? throw context.Error("A message has no \"role\"", here);
            var role = roleName switch
            {
                "system" or "developer" => MessageRole.System,
                "user" => MessageRole.User,
                "assistant" => MessageRole.Assistant,
                "tool" or "function" => MessageRole.Tool,
                _ => throw context.Error($"Unknown role \"{roleName}\"; expected system, developer, user, assistant or tool", here + ".role"),
            };
            var parts = new List<MessagePart>();
            var text = ContentBlocks.Read(message.Property("content"), parts, context, here + ".content");
            foreach (var call in message.Array("tool_calls"))
            {
                var function = call.Object("function");
                parts.Add(new ToolCallPart { CallId = call.String("id") ?? "", Name = function?.String("name") ?? "", Arguments = function?.String("arguments") });
            }

            if (role == MessageRole.Tool)
            {
                parts.Insert(0, new ToolResultPart { CallId = message.String("tool_call_id") ?? message.String("name") ?? "", Result = text });
                text = "";
            }

            index++;
            result.Add(new ConversationMessage
            {
                Id = "",
                Role = role,
                AuthorName = message.String("name"),
                Content = text,
                Parts = parts,
                Metadata = roleName == "developer" ? new Dictionary<string, JsonElement> { ["openai.role"] = JsonSerializer.SerializeToElement("developer", ImportJsonContext.Default.String) } : new Dictionary<string, JsonElement>(),
            });
        }

        yield return new Conversation
        {
            Id = context.FallbackId,
            DefaultModel = value.ValueKind == JsonValueKind.Object ? value.String("model") : null,
            Metadata = LinearMessages.SourceMetadata(Format),
            Messages = result.Messages,
        };
    }
}

/// <summary>Anthropic Messages (<c>system</c> plus <c>messages</c> with text, image, thinking, tool_use and tool_result blocks).</summary>
internal sealed class AnthropicMessagesImporter : IConversationImporter
{
    public string Format => "anthropic";

    public string Description => "Anthropic Messages (system and messages with content blocks)";

    public bool ArrayHoldsConversations => false;

    public int Detect(JsonShape shape) =>
        !shape.IsArray && shape.Has("messages") && (shape.Has("system") || shape.Has("max_tokens") || shape.Has("stop_sequences")) ? 70 : 0;

    public IEnumerable<Conversation> Read(JsonElement value, ImportContext context)
    {
        var messages = new LinearMessages();
        var systemParts = new List<MessagePart>();
        var system = ContentBlocks.Read(value.Property("system"), systemParts, context, ".system");
        if (system.Length > 0)
        {
            messages.AddUnchained(new ConversationMessage { Id = "system", Role = MessageRole.System, Content = system });
        }

        var index = 0;
        foreach (var message in value.Array("messages"))
        {
            var here = $".messages[{index}]";
            var parts = new List<MessagePart>();
            var text = ContentBlocks.Read(message.Property("content"), parts, context, here + ".content");
            var role = message.String("role") switch
            {
                "assistant" => MessageRole.Assistant,
                "user" => text.Length == 0 && parts.Count > 0 && parts.All(static p => p is ToolResultPart) ? MessageRole.Tool : MessageRole.User,
                var other => throw context.Error($"Unknown role \"{other}\"; Anthropic messages are \"user\" or \"assistant\"", here + ".role"),
            };
            index++;
            messages.Add(new ConversationMessage
            {
                Id = "",
                Role = role,
                Content = text,
                Parts = parts,
            });
        }

        yield return new Conversation
        {
            Id = context.FallbackId,
            DefaultModel = value.String("model"),
            Metadata = LinearMessages.SourceMetadata(Format),
            Messages = messages.Messages,
        };
    }
}

/// <summary>Microsoft.Extensions.AI <c>ChatMessage</c> JSON (as <c>AIJsonUtilities.DefaultOptions</c> writes it): an array of messages with <c>contents</c>.</summary>
internal sealed class ChatMessagesImporter : IConversationImporter
{
    public string Format => "meai";

    public string Description => "Microsoft.Extensions.AI ChatMessage JSON (array)";

    public bool ArrayHoldsConversations => false;

    public int Detect(JsonShape shape) => shape.IsArray && shape.Has("contents") ? 85 : 0;

    public IEnumerable<Conversation> Read(JsonElement value, ImportContext context)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw context.Error("Expected an array of chat messages");
        }

        var typeInfo = AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ChatMessage));
        var messages = new List<ChatMessage>();
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            ChatMessage message;
            try
            {
                message = (ChatMessage?)element.Deserialize(typeInfo) ?? throw context.Error("A chat message is null", $"[{index}]");
            }
            catch (JsonException ex)
            {
                throw context.Error(ex.Message, $"[{index}]{(ex.Path is { Length: > 1 } p ? p[1..] : "")}");
            }
            catch (NotSupportedException ex)
            {
                throw context.Error($"A content item has no \"$type\" this version knows ({ex.Message.Split(" Path:")[0]})", $"[{index}].contents");
            }

            if (message.Contents.Any(static c => c is null))
            {
                context.Warn("A null entry in \"contents\" holds nothing; it is skipped", $"[{index}].contents");
                message.Contents = [.. message.Contents.Where(static c => c is not null)];
            }

            if (message.Contents.Any(static c => c.GetType() == typeof(AIContent)))
            {
                context.Warn("A content item without a \"$type\" this version knows (text, functionCall, functionResult, data, uri, …) cannot be read; its fields are lost", $"[{index}].contents");
            }

            messages.Add(message);

            index++;
        }

        yield return new Conversation
        {
            Id = context.FallbackId,
            Metadata = LinearMessages.SourceMetadata(Format),
            Messages = messages.ToConversationMessages(),
        };
    }
}

/// <summary>Content as a string or an array of blocks, in OpenAI's and Anthropic's vocabularies: one mapping for both.</summary>
internal static class ContentBlocks
{
    public static string Read(JsonElement? content, List<MessagePart> parts, ImportContext context, string path)
    {
        switch (content)
        {
            case null:
                return "";
            case { ValueKind: JsonValueKind.String } s:
                return s.GetString()!;
            case { ValueKind: JsonValueKind.Array } blocks:
                var text = new StringBuilder();
                var i = 0;
                foreach (var block in blocks.EnumerateArray())
                {
                    ReadBlock(block, text, parts, context, $"{path}[{i++}]");
                }

                return text.ToString();
            default:
                throw context.Error($"Expected content as a string or an array of blocks but found {content.Value.ValueKind}", path);
        }
    }

    private static void ReadBlock(JsonElement block, StringBuilder text, List<MessagePart> parts, ImportContext context, string path)
    {
        switch (block.String("type"))
        {
            case "text" or "input_text" or "output_text":
                if (text.Length > 0)
                {
                    text.Append("\n\n");
                }

                text.Append(block.String("text"));
                break;
            case "image_url":
                parts.Add(new AttachmentPart { Uri = ToUri(block.Object("image_url")?.String("url")), MediaType = "image/*" });
                break;
            case "image" or "document":
                var source = block.Object("source");
                parts.Add(source?.String("type") == "base64"
                    ? new AttachmentPart { MediaType = source.Value.String("media_type"), Data = Base64(source.Value.String("data"), context, path + ".source.data") }
                    : new AttachmentPart { MediaType = source?.String("media_type"), Uri = ToUri(source?.String("url")) });
                break;
            case "thinking":
                parts.Add(new ReasoningPart { Text = block.String("thinking") ?? "" });
                break;
            case "redacted_thinking":
                parts.Add(new ReasoningPart { Text = "[redacted]" });
                break;
            case "tool_use":
                parts.Add(new ToolCallPart { CallId = block.String("id") ?? "", Name = block.String("name") ?? "", Arguments = block.Property("input")?.GetRawText() });
                break;
            case "tool_result":
                var nested = new List<MessagePart>();
                var result = Read(block.Property("content"), nested, context, path + ".content");
                parts.Add(new ToolResultPart { CallId = block.String("tool_use_id") ?? "", Result = result, IsError = block.Bool("is_error") });
                parts.AddRange(nested);
                break;
            case "refusal":
                text.Append(block.String("refusal"));
                break;
            default:
                // Unknown block kinds are kept as text of their JSON rather than dropped.
                parts.Add(new CodePart { Language = "json", Code = block.GetRawText() });
                break;
        }
    }

    private static Uri? ToUri(string? value) => value is not null && Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;

    private static byte[]? Base64(string? data, ImportContext context, string path)
    {
        if (data is null)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(data);
        }
        catch (FormatException)
        {
            throw context.Error("Image data is not valid base64", path);
        }
    }
}
