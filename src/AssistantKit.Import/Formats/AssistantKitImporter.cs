using System.Buffers;
using System.Text.Json;
using AssistantKit.Serialization;

namespace AssistantKit.Import.Formats;

/// <summary>AssistantKit conversation JSON (<c>schemaVersion</c>), one document or an array of them.</summary>
internal sealed class AssistantKitImporter : IConversationImporter
{
    public string Format => "assistantkit";

    public string Description => "AssistantKit conversation JSON (schemaVersion 1)";

    public bool ArrayHoldsConversations => true;

    public int Detect(JsonShape shape) => shape.Has("schemaVersion") ? 100 : 0;

    public IEnumerable<Conversation> Read(JsonElement value, ImportContext context)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        Conversation conversation;
        try
        {
            conversation = ConversationJson.Read(buffer.WrittenSpan);
        }
        catch (ConversationFormatException ex)
        {
            throw context.Error(ex.Reason, ex.JsonPath is { Length: > 1 } path ? path[1..] : "");
        }

        yield return conversation;
    }
}
