using System.Text.Json;
using System.Text.Json.Serialization;

namespace AssistantKit.Serialization;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(ConversationMessage))]
[JsonSerializable(typeof(IReadOnlyList<Participant>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, JsonElement>))]
[JsonSerializable(typeof(DateTimeOffset?))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(IReadOnlyList<MessagePart>))]
internal sealed partial class ConversationJsonContext : JsonSerializerContext;
