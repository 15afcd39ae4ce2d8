using System.Text;
using System.Text.Json;

namespace AssistantKit.Import.Formats;

/// <summary>
/// ChatGPT data export (<c>conversations.json</c>, or split <c>conversations-000.json</c> …): each conversation's
/// <c>mapping</c> node tree, the current branch from <c>current_node</c> (or every branch), visually hidden nodes skipped,
/// content types mapped to text and parts; unknown content types are kept in the message metadata.
/// </summary>
internal sealed class ChatGptImporter : IConversationImporter
{
    public string Format => "chatgpt";

    public string Description => "ChatGPT data export (conversations.json, conversations-NNN.json)";

    public bool ArrayHoldsConversations => true;

    public int Detect(JsonShape shape) =>
        shape.Has("mapping") ? 95
        : shape.IsArray && shape.Has("conversation_id", "create_time") ? 80
        : 0;

    public IEnumerable<Conversation> Read(JsonElement value, ImportContext context)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw context.Error($"Expected a conversation object but found {value.ValueKind}");
        }

        if (value.Object("mapping") is not { } mapping)
        {
            throw context.Error("The conversation has no \"mapping\" (the message tree); it cannot be read", ".mapping");
        }

        var tree = new MessageTree<JsonProperty>();
        var corrupt = new List<JsonProperty>();
        foreach (var node in mapping.EnumerateObject())
        {
            if (node.Value.ValueKind != JsonValueKind.Object)
            {
                corrupt.Add(node);
                continue;
            }

            var id = node.Value.String("id") ?? node.Name;
            if (tree.Add(id, node.Value.String("parent"), node) is var kept && kept != id)
            {
                context.Warn($"Duplicate node id \"{id}\" in the mapping; both nodes are kept", $".mapping.{node.Name}");
            }
        }

        // A node that is not an object is lost, but not the messages above it: it stays in the tree as an empty link,
        // under the node whose children name it, so the branch through it still reaches its ancestors.
        foreach (var node in corrupt)
        {
            var parent = mapping.EnumerateObject().FirstOrDefault(p => p.Value.Array("children").Any(c => c.ValueKind == JsonValueKind.String && c.GetString() == node.Name));
            tree.Add(node.Name, parent.Value.ValueKind == JsonValueKind.Object ? parent.Value.String("id") ?? parent.Name : null, node);
            context.Warn($"The node \"{node.Name}\" is a {node.Value.ValueKind}, not an object; its message is lost, the rest of its branch is kept", $".mapping.{node.Name}");
        }

        var shown = tree.Branch(value.String("current_node"));
        if (!shown.Any(static n => n.Value.Value.Object("message") is not null) && tree.Count > 1)
        {
            // current_node names the root (or a node without messages above it): ChatGPT would show the newest branch.
            context.Warn("current_node leads to no message; the newest branch is imported instead", ".current_node");
            shown = tree.Branch(null);
        }

        var nodes = context.Options.AllBranches ? tree.All(shown.LastOrDefault().Id) : shown;
        var messages = new List<ConversationMessage>(nodes.Count);
        foreach (var node in nodes)
        {
            if (node.Value.Value.Object("message") is { } message && Map(node, message, context) is { } mapped)
            {
                messages.Add(mapped);
            }
        }

        yield return new Conversation
        {
            Id = value.String("conversation_id") ?? value.String("id") ?? context.FallbackId,
            Title = value.String("title"),
            CreatedAt = value.Time("create_time", context, ""),
            UpdatedAt = value.Time("update_time", context, ""),
            DefaultModel = value.String("default_model_slug"),
            Metadata = LinearMessages.SourceMetadata(Format),
            Messages = messages,
        };
    }

    private static ConversationMessage? Map(TreeNode<JsonProperty> node, JsonElement message, ImportContext context)
    {
        var path = ".mapping" + JsonRead.PathOf(node.Value.Name) + ".message";
        var messageMetadata = message.Object("metadata");
        if (messageMetadata?.Bool("is_visually_hidden_from_conversation") == true)
        {
            return null;
        }

        var author = message.Object("author");
        var role = author?.Role("role") ?? MessageRole.User;
        var metadata = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var content = message.Object("content");
        var contentType = content?.String("content_type") ?? "text";
        var text = "";
        var parts = new List<MessagePart>();
        switch (contentType)
        {
            case "text":
                text = JoinStrings(content!.Value.Array("parts"));
                break;
            case "multimodal_text":
                foreach (var part in content!.Value.Array("parts"))
                {
                    if (part.ValueKind == JsonValueKind.String)
                    {
                        text = text.Length == 0 ? part.GetString()! : text + "\n\n" + part.GetString();
                    }
                    else if (part.ValueKind == JsonValueKind.Object)
                    {
                        parts.Add(Attachment(part));
                    }
                }

                break;
            case "code":
                parts.Add(new CodePart { Language = content!.Value.String("language") is { } l && l != "unknown" ? l : null, Code = content.Value.String("text") ?? "" });
                break;
            case "execution_output":
                parts.Add(new CodePart { Language = "output", Code = content!.Value.String("text") ?? "" });
                break;
            case "tether_browsing_display":
                text = content!.Value.String("result") ?? content.Value.String("summary") ?? "";
                break;
            case "tether_quote":
                text = content!.Value.String("text")?.Trim() ?? "";
                if (content.Value.String("url") is { } url)
                {
                    text += $"\n\n— [{EscapeLinkText(content.Value.String("title") ?? content.Value.String("domain") ?? url)}](<{url}>)";
                }

                break;
            case "user_editable_context":
                text = string.Join("\n\n", new[] { content!.Value.String("user_profile"), content.Value.String("user_instructions") }.Where(static s => !string.IsNullOrWhiteSpace(s)));
                role = MessageRole.System;
                break;
            default:
                // Unknown kinds (new ones appear often) are kept, not dropped: the raw content travels in metadata.
                text = content is { } c ? JoinStrings(c.Array("parts")) : "";
                if (content is { } raw)
                {
                    metadata["chatgpt.content"] = raw.Clone();
                }

                break;
        }

        // Uploaded files (PDFs, documents; images too, which also have a part above): the bytes are in the export ZIP.
        foreach (var file in messageMetadata?.Array("attachments") ?? [])
        {
            if (file.String("id") is { } id && !parts.OfType<AttachmentPart>().Any(a => a.Uri?.OriginalString.EndsWith("/" + id, StringComparison.Ordinal) == true))
            {
                parts.Add(new AttachmentPart { Name = file.String("name") ?? id, MediaType = file.String("mime_type") ?? file.String("mimeType"), Uri = Pointer($"file-service://{id}") });
            }
        }

        if (role == MessageRole.Assistant && text.Length > 0)
        {
            text = ChatGptCitations.Apply(text, messageMetadata ?? default, metadata, context, path);
        }

        if (message.String("recipient") is { } recipient && recipient != "all")
        {
            metadata["chatgpt.recipient"] = JsonSerializer.SerializeToElement(recipient, ImportJsonContext.Default.String);
        }

        if (contentType != "text")
        {
            metadata["chatgpt.contentType"] = JsonSerializer.SerializeToElement(contentType, ImportJsonContext.Default.String);
        }

        if (role == MessageRole.System && text.Length == 0 && parts.Count == 0)
        {
            return null; // the empty system node every export starts with
        }

        return new ConversationMessage
        {
            Id = node.Id,
            ParentId = node.ParentId,
            Role = role,
            AuthorName = author?.String("name"),
            Content = text,
            Parts = parts,
            CreatedAt = message.Time("create_time", context, path),
            Model = messageMetadata?.String("model_slug"),
            Metadata = metadata,
        };
    }

    private static AttachmentPart Attachment(JsonElement part)
    {
        var pointer = part.String("asset_pointer");
        var contentType = part.String("content_type");
        return new AttachmentPart
        {
            Name = pointer,
            MediaType = contentType == "image_asset_pointer" ? "image/*" : contentType,
            Uri = Pointer(pointer),
        };
    }

    private static Uri? Pointer(string? pointer) => pointer is not null && Uri.TryCreate(pointer, UriKind.Absolute, out var uri) ? uri : null;

    private static string JoinStrings(IEnumerable<JsonElement> parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            if (part.ValueKind == JsonValueKind.String)
            {
                if (builder.Length > 0)
                {
                    builder.Append("\n\n");
                }

                builder.Append(part.GetString());
            }
        }

        return builder.ToString();
    }

    private static string EscapeLinkText(string text) => text.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
}
