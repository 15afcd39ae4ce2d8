namespace AssistantKit;

/// <summary>Token counts reported by the model for one message.</summary>
public sealed record TokenUsage
{
    /// <summary>Gets the number of input (prompt) tokens, or <see langword="null"/> when not reported.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Gets the number of output (completion) tokens, or <see langword="null"/> when not reported.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Gets the total number of tokens, or <see langword="null"/> when not reported.</summary>
    public long? TotalTokens { get; init; }
}
