namespace AssistantKit.Import;

/// <summary>One conversation read from an input: either the conversation or why it could not be read.</summary>
public sealed record ImportItem
{
    /// <summary>Gets the file it came from, or <see langword="null"/> for a stream without a name.</summary>
    public string? FileName { get; init; }

    /// <summary>Gets the 0-based position of the conversation in its file.</summary>
    public int Index { get; init; }

    /// <summary>Gets the format key it was read as.</summary>
    public required string Format { get; init; }

    /// <summary>Gets the conversation, or <see langword="null"/> when it failed.</summary>
    public Conversation? Conversation { get; init; }

    /// <summary>Gets why the conversation failed, or <see langword="null"/>.</summary>
    public ConversationImportException? Error { get; init; }

    /// <summary>Gets a value indicating whether the conversation was read.</summary>
    public bool Succeeded => Conversation is not null;

    /// <summary>
    /// Gets what the import could not keep as the source had it, one message each naming file, conversation and JSON path
    /// (empty when nothing was lost). The conversation is complete otherwise.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
