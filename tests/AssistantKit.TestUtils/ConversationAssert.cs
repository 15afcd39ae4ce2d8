using System.Text.Json;
using AssistantKit.Serialization;

namespace AssistantKit.TestUtils;

/// <summary>Structural comparison of conversations (records compare lists by reference, so compare their canonical JSON).</summary>
public static class ConversationAssert
{
    /// <summary>Returns whether two conversations are equal field by field, metadata values compared as JSON.</summary>
    /// <param name="expected">The expected conversation.</param>
    /// <param name="actual">The actual conversation.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool StructurallyEqual(Conversation expected, Conversation actual) =>
        JsonElement.DeepEquals(
            JsonDocument.Parse(ConversationJson.Serialize(expected)).RootElement,
            JsonDocument.Parse(ConversationJson.Serialize(actual)).RootElement);

    /// <summary>Returns whether two messages are equal field by field.</summary>
    /// <param name="expected">The expected message.</param>
    /// <param name="actual">The actual message.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool StructurallyEqual(ConversationMessage expected, ConversationMessage actual) =>
        StructurallyEqual(new Conversation { Id = "x", Messages = [expected] }, new Conversation { Id = "x", Messages = [actual] });
}
