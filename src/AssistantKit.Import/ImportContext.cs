namespace AssistantKit.Import;

/// <summary>Where the JSON an importer reads comes from.</summary>
public sealed class ImportContext
{
    internal ImportContext(string? fileName, int index, string basePath, ImportOptions options)
    {
        FileName = fileName;
        Index = index;
        BasePath = basePath;
        Options = options;
    }

    /// <summary>Gets the file name, or <see langword="null"/>.</summary>
    public string? FileName { get; }

    /// <summary>Gets the 0-based index of the value in its file.</summary>
    public int Index { get; }

    /// <summary>Gets the JSON path of the value in its file (<c>$</c> or <c>$[3]</c>).</summary>
    public string BasePath { get; }

    /// <summary>Gets the import options.</summary>
    public ImportOptions Options { get; }

    /// <summary>Gets a name for a conversation without an id: the file name without extension and the index.</summary>
    public string FallbackId => $"{Path.GetFileNameWithoutExtension(FileName ?? "conversation")}-{Index + 1}";

    /// <summary>Creates the exception for bad input at <paramref name="relativePath"/> (for example <c>.mapping["a1"].message</c>).</summary>
    /// <param name="reason">What is wrong.</param>
    /// <param name="relativePath">The path below <see cref="BasePath"/>.</param>
    /// <returns>The exception to throw.</returns>
    public ConversationImportException Error(string reason, string relativePath = "") =>
        new(reason, FileName, Index, BasePath + relativePath, null, null);
}
