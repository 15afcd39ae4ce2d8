using System.Text.Json;

namespace AssistantKit.Import.Formats;

/// <summary>Chatbot UI export (<c>version</c>, <c>history</c>, <c>folders</c>): each history entry is a conversation.</summary>
internal sealed class ChatbotUiImporter : IConversationImporter
{
    public string Format => "chatbotui";

    public string Description => "Chatbot UI export (version, history)";

    public bool ArrayHoldsConversations => false;

    public int Detect(JsonShape shape) => !shape.IsArray && shape.Has("version", "history") ? 90 : 0;

    public IEnumerable<Conversation> Read(JsonElement value, ImportContext context)
    {
        var index = 0;
        foreach (var chat in value.Array("history"))
        {
            var messages = new LinearMessages();
            if (chat.String("prompt") is { Length: > 0 } prompt)
            {
                messages.AddUnchained(new ConversationMessage { Id = "system", Role = MessageRole.System, Content = prompt });
            }

            foreach (var message in chat.Array("messages"))
            {
                messages.Add(new ConversationMessage
                {
                    Id = "",
                    Role = message.Role("role"),
                    Content = message.String("content") ?? "",
                });
            }

            yield return new Conversation
            {
                Id = chat.String("id") ?? $"{context.FallbackId}-{index}",
                Title = chat.String("name"),
                DefaultModel = chat.Object("model")?.String("id"),
                Metadata = LinearMessages.SourceMetadata(Format),
                Messages = messages.Messages,
            };
            index++;
        }
    }
}
