using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AssistantKit.Serialization;

namespace AssistantKit.Export.Text;

/// <summary>Serializes pieces of the conversation model with the contract's source-generated metadata (no reflection).</summary>
internal static class ContractJson
{
    public static string Serialize<T>(T value) =>
        JsonSerializer.Serialize(value, (JsonTypeInfo<T>)ConversationJson.Options.GetTypeInfo(typeof(T)));
}
