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
}
