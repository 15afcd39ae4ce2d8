using System.Text.Json;

namespace AssistantKit.Import.Formats;

/// <summary>LibreChat conversation export: <c>messagesTree</c>, or <c>messages</c> flat or nested (<c>"recursive": true</c>), with every branch.</summary>
internal sealed class LibreChatImporter : IConversationImporter
{
    private const string RootParent = "00000000-0000-0000-0000-000000000000";

    public string Format => "librechat";

    public string Description => "LibreChat conversation export (messagesTree or messages)";

    public bool ArrayHoldsConversations => true;

    public int Detect(JsonShape shape) => shape.Has("conversationId") && (shape.Has("messagesTree") || shape.Has("messages")) ? 95 : 0;

    public IEnumerable<Conversation> Read(JsonElement value, ImportContext context)
    {
        // messagesTree (older recursive exports), or messages: flat with parentMessageId links, or nested with children
        // ("recursive": true). All three are walked the same way; a nested child without a parent id hangs under its node.
        var (messages, path) = value.Property("messagesTree") is { ValueKind: JsonValueKind.Array } nested
            ? (nested, ".messagesTree")
            : (value.Property("messages") is { ValueKind: JsonValueKind.Array } list ? list : throw context.Error("Expected an array of messages", ".messages"), ".messages");
        var tree = new MessageTree<(JsonElement Message, string Path)>();
        foreach (var (message, enclosing, at) in Flatten(messages, path))
        {
            var id = message.String("messageId") ?? throw context.Error("A message has no \"messageId\"", at);
            var parent = message.String("parentMessageId") is { } named && named != RootParent ? named : enclosing;
            if (tree.Add(id, parent, (message, at)) is var kept && kept != id)
            {
                context.Warn($"Duplicate messageId \"{id}\"; this message is kept as \"{kept}\"", at);
            }
        }

        var nodes = context.Options.AllBranches ? tree.All(NewestLeaf(tree)) : tree.Branch(NewestLeaf(tree));
        var mapped = nodes.Select(node => Map(node, context)).ToList();

        var options = value.Object("options");
        yield return new Conversation
        {
            Id = value.String("conversationId") ?? context.FallbackId,
            Title = value.String("title"),
            CreatedAt = mapped.Min(static m => m.CreatedAt),
            DefaultModel = options?.String("model"),
            Metadata = new Dictionary<string, JsonElement>(LinearMessages.SourceMetadata(Format))
            {
                ["librechat.endpoint"] = JsonSerializer.SerializeToElement(value.String("endpoint") ?? "", ImportJsonContext.Default.String),
            },
            Messages = mapped,
        };
    }

    /// <summary>The branch LibreChat shows: the one that ends in the newest message (by createdAt; the last one when tied or undated).</summary>
    private static string? NewestLeaf(MessageTree<(JsonElement Message, string Path)> tree) =>
        tree.Leaves().Select((leaf, order) => (leaf.Id, Time: leaf.Value.Message.Time("createdAt", null, "") ?? DateTimeOffset.MinValue, order))
            .OrderBy(static l => l.Time).ThenBy(static l => l.order).Select(static l => l.Id).LastOrDefault();

    /// <summary>
    /// Every message with the id of the message it is nested in and its JSON path, parents first, iteratively (no recursion,
    /// so a conversation of any length, however deep its nesting, cannot overflow the stack).
    /// </summary>
    private static IEnumerable<(JsonElement Message, string? Enclosing, string Path)> Flatten(JsonElement roots, string path)
    {
        var stack = new Stack<(JsonElement, string?, string)>(roots.EnumerateArray().Select((m, i) => (m, (string?)null, $"{path}[{i}]")).Reverse());
        while (stack.Count > 0)
        {
            var (message, enclosing, at) = stack.Pop();
            yield return (message, enclosing, at);
            var children = message.Array("children").ToArray();
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push((children[i], message.String("messageId"), $"{at}.children[{i}]"));
            }
        }
    }

    private static ConversationMessage Map(TreeNode<(JsonElement Message, string Path)> node, ImportContext context)
    {
        var (message, path) = node.Value;
        var isUser = message.Bool("isCreatedByUser");
        var metadata = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (message.Bool("error"))
        {
            metadata["librechat.error"] = JsonSerializer.SerializeToElement(true, ImportJsonContext.Default.Boolean);
        }

        if (message.Bool("unfinished"))
        {
            metadata["librechat.unfinished"] = JsonSerializer.SerializeToElement(true, ImportJsonContext.Default.Boolean);
        }

        return new ConversationMessage
        {
            Id = node.Id,
            ParentId = node.ParentId,
            Role = isUser ? MessageRole.User : MessageRole.Assistant,
            AuthorName = isUser ? null : message.String("sender"),
            Content = message.String("text") ?? "",
            CreatedAt = message.Time("createdAt", context, path),
            Model = message.String("model"),
            Metadata = metadata,
        };
    }
}
