namespace AssistantKit;

/// <summary>The model's reasoning ("thinking") that preceded its answer.</summary>
public sealed record ReasoningPart : MessagePart
{
    /// <summary>Gets the reasoning text.</summary>
    public required string Text { get; init; }
}
