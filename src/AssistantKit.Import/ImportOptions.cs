namespace AssistantKit.Import;

/// <summary>How an import reads its input.</summary>
public sealed record ImportOptions
{
    /// <summary>Gets the input format key (see <see cref="IConversationReader.Importers"/>), or <see langword="null"/> to detect it from the content.</summary>
    public string? Format { get; init; }

    /// <summary>Gets a value indicating whether every branch of a branched conversation is imported (parent ids keep the tree), not only the current one. Default <see langword="false"/>.</summary>
    public bool AllBranches { get; init; }

    /// <summary>
    /// Gets the deepest JSON nesting accepted; deeper input is refused with an error. Default 100,000: nested exports
    /// (LibreChat's <c>"recursive": true</c> puts each reply inside its parent, two levels a message) import whatever the
    /// conversation's length, and every walk over a tree is iterative, so depth costs memory, never the stack.
    /// </summary>
    public int MaxDepth { get; init; } = 100_000;

    /// <summary>
    /// Gets the most attachment bytes one conversation may hold when an import reads the files of an export (the images
    /// of a ChatGPT export ZIP). Files are read when their conversation is, so memory is bounded by this, not by the
    /// export's size; an attachment past the limit stays a reference, with a warning. Default 100 MiB.
    /// </summary>
    public long MaxAttachmentBytes { get; init; } = 100 * 1024 * 1024;
}
