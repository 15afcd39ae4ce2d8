namespace AssistantKit;

/// <summary>A block of source code or program output.</summary>
public sealed record CodePart : MessagePart
{
    /// <summary>Gets the language of the code (for example <c>python</c>), or <see langword="null"/>.</summary>
    public string? Language { get; init; }

    /// <summary>Gets the code text.</summary>
    public required string Code { get; init; }
}
