using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AssistantKit.Import.Formats;

/// <summary>
/// Open WebUI chat export: an array of chats whose <c>chat.history.messages</c> tree is read along <c>currentId</c>.
/// Structured <c>output</c> items (reasoning, function calls and their output) become parts; without them, inline
/// <c>&lt;details type="reasoning"&gt;</c> and <c>&lt;details type="tool_calls"&gt;</c> blocks are lifted out of the text.
/// </summary>
internal sealed partial class OpenWebUiImporter : IConversationImporter
{
    public string Format => "openwebui";

    public string Description => "Open WebUI chat export (array of chats with history)";

    public bool ArrayHoldsConversations => true;

    public int Detect(JsonShape shape) => shape.Has("chat.history") || (shape.Has("chat") && shape.Has("user_id")) ? 90 : 0;

    public IEnumerable<Conversation> Read(JsonElement value, ImportContext context)
    {
        var chat = value.Object("chat") ?? throw context.Error("The chat has no \"chat\" object", ".chat");
        var history = chat.Object("history") ?? throw context.Error("The chat has no \"history\"", ".chat.history");
        var tree = new MessageTree<(JsonElement Message, string Path)>();
        foreach (var message in history.Object("messages")?.EnumerateObject() ?? default)
        {
            var id = message.Value.String("id") ?? message.Name;
            var path = ".chat.history.messages" + JsonRead.PathOf(message.Name);
            if (tree.Add(id, message.Value.String("parentId"), (message.Value, path)) is var kept && kept != id)
            {
                context.Warn($"Duplicate message id \"{id}\" in the history; this message is kept as \"{kept}\"", path);
            }
        }

        yield return new Conversation
        {
            Id = value.String("id") ?? chat.String("id") ?? context.FallbackId,
            Title = value.String("title") ?? chat.String("title"),
            CreatedAt = value.Time("created_at", context, ""),
            UpdatedAt = value.Time("updated_at", context, ""),
            DefaultModel = chat.Array("models").Select(JsonRead.AsString).FirstOrDefault(),
            Metadata = LinearMessages.SourceMetadata(Format),
            Messages = (context.Options.AllBranches ? tree.All(history.String("currentId")) : tree.Branch(history.String("currentId"))).Select(node => Map(node, context)).ToList(),
        };
    }

    private static ConversationMessage Map(TreeNode<(JsonElement Message, string Path)> node, ImportContext context)
    {
        var (message, path) = node.Value;
        var parts = new List<MessagePart>();
        var text = message.String("content") ?? "";
        var output = message.Array("output").ToList();
        if (output.Count > 0)
        {
            var texts = new List<string>();
            foreach (var item in output)
            {
                switch (item.String("type"))
                {
                    case "reasoning":
                        parts.Add(new ReasoningPart { Text = string.Join("\n", item.Array("content").Select(static c => c.String("text")).OfType<string>()) });
                        break;
                    case "function_call":
                        parts.Add(new ToolCallPart { CallId = item.String("call_id") ?? item.String("id") ?? "", Name = item.String("name") ?? "", Arguments = item.String("arguments") });
                        break;
                    case "function_call_output":
                        parts.Add(new ToolResultPart { CallId = item.String("call_id") ?? "", Result = OutputText(item) });
                        break;
                    case "message":
                        texts.AddRange(item.Array("content").Select(static c => c.String("text")).OfType<string>());
                        break;
                }
            }

            text = string.Join("\n\n", texts);
        }
        else
        {
            var lifted = DetailsRegex().Replace(text, match =>
            {
                var body = WebUtility.HtmlDecode(match.Groups["body"].Value).Trim();
                if (match.Groups["type"].Value == "reasoning")
                {
                    parts.Add(new ReasoningPart { Text = string.Join("\n", body.Split('\n').Select(static l => l.StartsWith("> ", StringComparison.Ordinal) ? l[2..] : l.TrimStart('>'))) });
                }
                else
                {
                    parts.Add(new ToolResultPart { CallId = "", Result = body.Trim('"') });
                }

                return "";
            });
            text = parts.Count > 0 ? lifted.Trim() : text; // only the space the lifted blocks left goes
        }

        return new ConversationMessage
        {
            Id = node.Id,
            ParentId = node.ParentId,
            Role = message.Role("role"),
            Content = text,
            Parts = parts,
            CreatedAt = message.Time("timestamp", context, path),
            Model = message.String("model"),
        };
    }

    private static string OutputText(JsonElement item) => item.Property("output") switch
    {
        { ValueKind: JsonValueKind.Array } array => string.Join("\n", array.EnumerateArray().Select(static c => c.String("text")).OfType<string>()),
        { } other => JsonRead.AsString(other) ?? other.GetRawText(),
        null => "",
    };

    [GeneratedRegex("""<details\s+type="(?<type>reasoning|tool_calls)"[^>]*>\s*(?:<summary>.*?</summary>)?(?<body>.*?)</details>""", RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex DetailsRegex();
}
