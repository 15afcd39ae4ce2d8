namespace AssistantKit;

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
