namespace AssistantKit;

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
