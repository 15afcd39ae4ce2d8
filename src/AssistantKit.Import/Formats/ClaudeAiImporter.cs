using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AssistantKit.Import.Formats;

/// <summary>
/// Claude.ai data export (<c>conversations.json</c> in the ZIP claude.ai sends): an array of conversations with
/// <c>chat_messages</c>. Text blocks become the message text, <c>thinking</c> a reasoning part, <c>tool_use</c> and
/// <c>tool_result</c> tool parts; attachment text claude.ai extracted is kept as a text attachment. Messages form a tree
/// through <c>parent_message_uuid</c> (edits and retries); the branch shown is the one ending in
/// <c>current_leaf_message_uuid</c>, or in the last message.
/// </summary>
internal sealed class ClaudeAiImporter : IConversationImporter
{
    private const string RootParent = "00000000-0000-4000-8000-000000000000";

    public string Format => "claude";

    public string Description => "Claude.ai data export (conversations.json)";

    public bool ArrayHoldsConversations => true;

    public int Detect(JsonShape shape) => shape.Has("chat_messages") ? 95 : 0;

    public IEnumerable<Conversation> Read(JsonElement value, ImportContext context)
    {
        if (value.Property("chat_messages") is not { ValueKind: JsonValueKind.Array } messages)
        {
            throw context.Error("The conversation has no \"chat_messages\" array", ".chat_messages");
        }

        var linear = !messages.EnumerateArray().Any(static m => m.String("parent_message_uuid") is not null);
        var tree = new MessageTree<(JsonElement Message, string Path)>();
        string? previous = null;
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var path = $".chat_messages[{index++}]";
            var id = message.String("uuid") ?? string.Create(CultureInfo.InvariantCulture, $"msg-{index}");
            var parent = linear ? previous : message.String("parent_message_uuid") is { } named && named != RootParent ? named : null;
            previous = tree.Add(id, parent, (message, path));
            if (previous != id)
            {
                context.Warn($"Duplicate message uuid \"{id}\"; this message is kept as \"{previous}\"", path);
            }
        }

        var shownLeaf = value.String("current_leaf_message_uuid") ?? previous;
        var nodes = context.Options.AllBranches ? tree.All(shownLeaf) : tree.Branch(shownLeaf);
        var metadata = LinearMessages.SourceMetadata(Format);
        if (value.String("summary") is { Length: > 0 } summary)
        {
            metadata["claude.summary"] = JsonSerializer.SerializeToElement(summary, ImportJsonContext.Default.String);
        }

        yield return new Conversation
        {
            Id = value.String("uuid") ?? context.FallbackId,
            Title = value.String("name"),
            CreatedAt = value.Time("created_at", context, ""),
            UpdatedAt = value.Time("updated_at", context, ""),
            Metadata = metadata,
            Messages = nodes.Select(node => Map(node, context)).ToList(),
        };
    }

    private static ConversationMessage Map(TreeNode<(JsonElement Message, string Path)> node, ImportContext context)
    {
        var (message, path) = node.Value;
        var texts = new List<string>();
        var parts = new List<MessagePart>();
        var metadata = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var calls = new List<ToolCallPart>();
        var unknown = new List<JsonElement>();
        foreach (var block in message.Array("content"))
        {
            switch (block.String("type"))
            {
                case "text":
                    texts.Add(block.String("text") ?? "");
                    break;
                case "thinking":
                    parts.Add(new ReasoningPart { Text = block.String("thinking") ?? block.String("text") ?? "" });
                    break;
                case "tool_use":
                    var call = new ToolCallPart
                    {
                        CallId = block.String("id") ?? string.Create(CultureInfo.InvariantCulture, $"{node.Id}-call-{calls.Count + 1}"),
                        Name = block.String("name") ?? "",
                        Arguments = block.Property("input") is { } input ? Indented(input) : null,
                    };
                    calls.Add(call);
                    parts.Add(call);
                    break;
                case "tool_result":
                    parts.Add(new ToolResultPart
                    {
                        CallId = block.String("tool_use_id") ?? calls.LastOrDefault(c => c.Name == block.String("name"))?.CallId ?? "",
                        Result = ResultText(block.Property("content")),
                        IsError = block.Bool("is_error"),
                    });
                    break;
                default:
                    unknown.Add(block.Clone()); // a kind this version does not know: kept as the source has it
                    break;
            }
        }

        if (unknown.Count > 0)
        {
            metadata["claude.content"] = JsonSerializer.SerializeToElement(unknown, ImportJsonContext.Default.ListJsonElement);
        }

        var text = texts.Count > 0 || parts.Count > 0 ? string.Join("\n\n", texts.Where(static t => t.Length > 0)) : message.String("text") ?? "";
        parts.AddRange(message.Array("attachments").Select(Attachment));

        foreach (var file in message.Array("files").Concat(message.Array("files_v2")).DistinctBy(static f => f.String("file_uuid") ?? f.String("file_name")))
        {
            parts.Add(new AttachmentPart { Name = file.String("file_name"), MediaType = file.String("file_kind") == "image" ? "image/*" : null });
        }

        return new ConversationMessage
        {
            Id = node.Id,
            ParentId = node.ParentId,
            Role = message.Role("sender"), // "human" is the user
            Content = text,
            Parts = parts,
            CreatedAt = message.Time("created_at", context, path),
            Metadata = metadata,
        };
    }

    /// <summary>An attachment whose text claude.ai extracted (the file itself is not in the export): the text, as a UTF-8 text file.</summary>
    private static AttachmentPart Attachment(JsonElement attachment)
    {
        var extracted = attachment.String("extracted_content");
        return new AttachmentPart
        {
            Name = attachment.String("file_name"),
            MediaType = extracted is null ? attachment.String("file_type") : "text/plain",
            Data = extracted is null ? null : Encoding.UTF8.GetBytes(extracted),
        };
    }

    /// <summary>The input object as indented JSON (the export's own indentation depends on where the object sat in the file).</summary>
    private static string Indented(JsonElement value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? ResultText(JsonElement? content) => content switch
    {
        { ValueKind: JsonValueKind.Array } blocks => string.Join("\n", blocks.EnumerateArray().Select(static b => b.ValueKind == JsonValueKind.String ? b.GetString() : b.String("text")).OfType<string>()),
        { } other => JsonRead.AsString(other) ?? other.GetRawText(),
        null => null,
    };
}
