namespace AssistantKit.Export;

/// <summary>The outcome of one conversation in a batch.</summary>
public sealed record BatchItemResult
{
    /// <summary>Gets the conversation id.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Gets the conversation title, or <see langword="null"/>.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the file name in the archive, or <see langword="null"/> when the conversation failed.</summary>
    public string? FileName { get; init; }

    /// <summary>Gets a value indicating whether the conversation was exported.</summary>
    public bool Succeeded => Error is null;

    /// <summary>Gets why the conversation failed, or <see langword="null"/>.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the number of messages written.</summary>
    public long MessagesWritten { get; init; }

    /// <summary>Gets the number of bytes written (uncompressed).</summary>
    public long BytesWritten { get; init; }

    /// <summary>Gets warnings, as in <see cref="ExportResult.Warnings"/>.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
