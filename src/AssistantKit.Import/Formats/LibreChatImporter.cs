using System.Text.Json;

namespace AssistantKit.Import.Formats;

/// <summary>LibreChat conversation export: recursive <c>messagesTree</c> or flat <c>messages</c>, with branches.</summary>
internal sealed class LibreChatImporter : IConversationImporter
{
    private const string RootParent = "00000000-0000-0000-0000-000000000000";

    public string Format => "librechat";

    public string Description => "LibreChat conversation export (messagesTree or messages)";

    public bool ArrayHoldsConversations => true;

    public int Detect(JsonShape shape) => shape.Has("conversationId") && (shape.Has("messagesTree") || shape.Has("messages")) ? 95 : 0;

    public IEnumerable<Conversation> Read(JsonElement value, ImportContext context)
    {
        var tree = new MessageTree<JsonElement>();
        var flat = value.Property("messagesTree") is not { ValueKind: JsonValueKind.Array } tree0 ? value.Array("messages") : Flatten(tree0);
        foreach (var message in flat)
        {
            var id = message.String("messageId") ?? throw context.Error("A message has no \"messageId\"", ".messages");
            var parent = message.String("parentMessageId");
            tree.Add(id, parent == RootParent ? null : parent, message);
        }

        var options = value.Object("options");
        yield return new Conversation
        {
            Id = value.String("conversationId") ?? context.FallbackId,
            Title = value.String("title"),
            CreatedAt = tree.Count > 0 ? tree.All().Select(static m => m.Time("createdAt")).Min() : null,
            DefaultModel = options?.String("model"),
            Metadata = new Dictionary<string, JsonElement>(LinearMessages.SourceMetadata(Format))
            {
                ["librechat.endpoint"] = JsonSerializer.SerializeToElement(value.String("endpoint") ?? "", ImportJsonContext.Default.String),
            },
            Messages = (context.Options.AllBranches ? tree.All() : tree.Branch(null)).Select(Map).ToList(),
        };
    }

    /// <summary>Depth-first, parents first, iteratively (no recursion, so absurd nesting cannot overflow the stack).</summary>
    private static IEnumerable<JsonElement> Flatten(JsonElement roots)
    {
        var stack = new Stack<JsonElement>(roots.EnumerateArray().Reverse());
        while (stack.Count > 0)
        {
            var message = stack.Pop();
            yield return message;
            foreach (var child in message.Array("children").Reverse())
            {
                stack.Push(child);
            }
        }
    }

    private static ConversationMessage Map(JsonElement message)
    {
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

        var parent = message.String("parentMessageId");
        return new ConversationMessage
        {
            Id = message.String("messageId")!,
            ParentId = parent == RootParent ? null : parent,
            Role = isUser ? MessageRole.User : MessageRole.Assistant,
            AuthorName = isUser ? null : message.String("sender"),
            Content = message.String("text") ?? "",
            CreatedAt = message.Time("createdAt"),
            Model = message.String("model"),
            Metadata = metadata,
        };
    }
}
