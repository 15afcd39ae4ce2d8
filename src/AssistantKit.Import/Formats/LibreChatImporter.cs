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
        var tree = new MessageTree<Node>();
        foreach (var (message, enclosing, at) in Flatten(messages, path))
        {
            var id = message.String("messageId") ?? throw context.Error("A message has no \"messageId\"", at);
            var parent = message.String("parentMessageId") is { } named && named != RootParent ? named : enclosing;
            var kept = tree.Add(id, parent, new Node(message, id, parent));
            if (kept != id)
            {
                context.Warn($"Duplicate messageId \"{id}\"; this message is kept as \"{kept}\"", at);
                tree.Replace(kept, new Node(message, kept, parent));
            }
        }

        var options = value.Object("options");
        yield return new Conversation
        {
            Id = value.String("conversationId") ?? context.FallbackId,
            Title = value.String("title"),
            CreatedAt = tree.Count > 0 ? tree.All().Select(static m => m.Message.Time("createdAt")).Min() : null,
            DefaultModel = options?.String("model"),
            Metadata = new Dictionary<string, JsonElement>(LinearMessages.SourceMetadata(Format))
            {
                ["librechat.endpoint"] = JsonSerializer.SerializeToElement(value.String("endpoint") ?? "", ImportJsonContext.Default.String),
            },
            Messages = (context.Options.AllBranches ? tree.All() : tree.Branch(NewestLeaf(tree))).Select(Map).ToList(),
        };
    }

    /// <summary>The branch LibreChat shows: the one that ends in the newest message (by createdAt; the last one when tied or undated).</summary>
    private static string? NewestLeaf(MessageTree<Node> tree) =>
        tree.Leaves().Select((leaf, order) => (leaf.Id, Time: leaf.Value.Message.Time("createdAt") ?? DateTimeOffset.MinValue, order))
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

    /// <summary>A message with the id and parent it is kept under.</summary>
    private sealed record Node(JsonElement Message, string Id, string? ParentId);

    private static ConversationMessage Map(Node node)
    {
        var message = node.Message;
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
            CreatedAt = message.Time("createdAt"),
            Model = message.String("model"),
            Metadata = metadata,
        };
    }
}
