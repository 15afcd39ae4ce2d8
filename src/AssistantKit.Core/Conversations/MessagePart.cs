using System.Text.Json.Serialization;

namespace AssistantKit;

/// <summary>
/// Structured content of a message where Markdown text alone would lose information:
/// code, tool calls and results, reasoning, attachments.
/// </summary>
/// <remarks>On the wire a part is an object whose <c>type</c> property names the kind.</remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(CodePart), "code")]
[JsonDerivedType(typeof(ToolCallPart), "toolCall")]
[JsonDerivedType(typeof(ToolResultPart), "toolResult")]
[JsonDerivedType(typeof(ReasoningPart), "reasoning")]
[JsonDerivedType(typeof(AttachmentPart), "attachment")]
public abstract record MessagePart
{
    private protected MessagePart()
    {
    }
}
