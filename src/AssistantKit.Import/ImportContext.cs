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

    /// <summary>
    /// Records something the import could not keep as the source had it (a duplicate id made unique, a time out of range,
    /// a node that could not be read), so that nothing is lost silently. The warning reaches
    /// <see cref="ImportItem.Warnings"/> of the conversation being read.
    /// </summary>
    /// <param name="reason">What happened, for a person.</param>
    /// <param name="relativePath">The JSON path below this conversation's path, for example <c>.messages[3]</c>.</param>
    public void Warn(string reason, string relativePath = "")
    {
        ArgumentNullException.ThrowIfNull(reason);
        _warnings.Add($"{reason} ({FileName ?? "input"}, conversation {Index + 1}, at {BasePath + relativePath})");
    }

    /// <summary>The warnings since the last call: those of the conversation just read.</summary>
    internal IReadOnlyList<string> TakeWarnings()
    {
        if (_warnings.Count == 0)
        {
            return [];
        }

        var taken = _warnings.ToArray();
        _warnings.Clear();
        return taken;
    }

    private readonly List<string> _warnings = [];
}
