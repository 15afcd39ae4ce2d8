using System.Text.Json;

namespace AssistantKit.Import.Formats;

/// <summary>
/// What every importer of a source without message ids or trees shares: messages in order get the ids <c>msg-1</c>,
/// <c>msg-2</c> …, each the parent of the next; and every imported conversation names its source in
/// <c>metadata["source"]</c>.
/// </summary>
internal sealed class LinearMessages
{
    private readonly List<ConversationMessage> _messages = [];
    private int _count;

    /// <summary>Gets the messages added so far, in order.</summary>
    public IReadOnlyList<ConversationMessage> Messages => _messages;

    /// <summary>Adds the next message of the chain: its <see cref="ConversationMessage.Id"/> and <see cref="ConversationMessage.ParentId"/> are set here.</summary>
    public void Add(ConversationMessage message)
    {
        _count++;
        _messages.Add(message with { Id = Id(_count), ParentId = _count > 1 ? Id(_count - 1) : null });
    }

    /// <summary>Adds a message outside the chain (a system prompt kept under its own id, no parent).</summary>
    public void AddUnchained(ConversationMessage message) => _messages.Add(message);

    /// <summary>The conversation metadata that names the importer (<c>{"source": "openai"}</c>).</summary>
    public static Dictionary<string, JsonElement> SourceMetadata(string format) =>
        new() { ["source"] = JsonSerializer.SerializeToElement(format, ImportJsonContext.Default.String) };

    private static string Id(int position) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"msg-{position}");
}
