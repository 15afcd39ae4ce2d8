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

/// <summary>A block of source code or program output.</summary>
public sealed record CodePart : MessagePart
{
    /// <summary>Gets the language of the code (for example <c>python</c>), or <see langword="null"/>.</summary>
    public string? Language { get; init; }

    /// <summary>Gets the code text.</summary>
    public required string Code { get; init; }
}

/// <summary>A call the assistant made to a tool (function).</summary>
public sealed record ToolCallPart : MessagePart
{
    /// <summary>Gets the call identifier that the matching <see cref="ToolResultPart"/> refers to.</summary>
    public required string CallId { get; init; }

    /// <summary>Gets the tool's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the arguments as the model produced them: usually a JSON object, but kept verbatim even when it is not valid JSON.</summary>
    public string? Arguments { get; init; }
}

/// <summary>The result of a tool call.</summary>
public sealed record ToolResultPart : MessagePart
{
    /// <summary>Gets the identifier of the call this result answers.</summary>
    public required string CallId { get; init; }

    /// <summary>Gets the result as text (often JSON).</summary>
    public string? Result { get; init; }

    /// <summary>Gets a value indicating whether the tool reported an error.</summary>
    public bool IsError { get; init; }
}

/// <summary>The model's reasoning ("thinking") that preceded its answer.</summary>
public sealed record ReasoningPart : MessagePart
{
    /// <summary>Gets the reasoning text.</summary>
    public required string Text { get; init; }
}

/// <summary>A file or image attached to a message, by reference (<see cref="Uri"/>) or inline (<see cref="Data"/>).</summary>
public sealed record AttachmentPart : MessagePart
{
    /// <summary>Gets the attachment's file name, or <see langword="null"/>.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the media type (for example <c>image/png</c>), or <see langword="null"/>.</summary>
    public string? MediaType { get; init; }

    /// <summary>Gets where the attachment lives, or <see langword="null"/> when it is inline.</summary>
    public Uri? Uri { get; init; }

    /// <summary>Gets the inline bytes (base64 in JSON), or <see langword="null"/> when referenced by <see cref="Uri"/>.</summary>
    public ReadOnlyMemory<byte>? Data { get; init; }
}
