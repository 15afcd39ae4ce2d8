namespace AssistantKit.Import;

/// <summary>How an import reads its input.</summary>
public sealed record ImportOptions
{
    /// <summary>Gets the input format key (see <see cref="IConversationReader.Importers"/>), or <see langword="null"/> to detect it from the content.</summary>
    public string? Format { get; init; }

    /// <summary>Gets a value indicating whether every branch of a branched conversation is imported (parent ids keep the tree), not only the current one. Default <see langword="false"/>.</summary>
    public bool AllBranches { get; init; }

    /// <summary>Gets the deepest JSON nesting accepted; deeper input is refused with an error. Default 128.</summary>
    public int MaxDepth { get; init; } = 128;
}

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
}

/// <summary>
/// A conversation (or a whole file) could not be imported. Says what is wrong and where: file, conversation index and JSON path.
/// </summary>
public sealed class ConversationImportException : FormatException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="reason">What is wrong.</param>
    /// <param name="fileName">The file, or <see langword="null"/>.</param>
    /// <param name="conversationIndex">The 0-based conversation index in the file, or <see langword="null"/> for the whole file.</param>
    /// <param name="jsonPath">The JSON path of the offending value, or <see langword="null"/>.</param>
    /// <param name="lineNumber">The 1-based line, or <see langword="null"/>.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public ConversationImportException(string reason, string? fileName, int? conversationIndex, string? jsonPath, long? lineNumber, Exception? innerException)
        : base(Describe(reason, fileName, conversationIndex, jsonPath, lineNumber), innerException)
    {
        Reason = reason;
        FileName = fileName;
        ConversationIndex = conversationIndex;
        JsonPath = jsonPath;
        LineNumber = lineNumber;
    }

    /// <summary>Gets what is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>Gets the file, or <see langword="null"/>.</summary>
    public string? FileName { get; }

    /// <summary>Gets the 0-based index of the conversation in the file, or <see langword="null"/> when the error concerns the whole file.</summary>
    public int? ConversationIndex { get; }

    /// <summary>Gets the JSON path of the offending value, or <see langword="null"/>.</summary>
    public string? JsonPath { get; }

    /// <summary>Gets the 1-based line, or <see langword="null"/> when unknown.</summary>
    public long? LineNumber { get; }

    private static string Describe(string reason, string? fileName, int? index, string? jsonPath, long? line)
    {
        var where = new List<string>(4) { fileName ?? "input" };
        if (line is { } l)
        {
            where[0] += ":" + l.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (index is { } i)
        {
            where.Add("conversation " + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (jsonPath is not null)
        {
            where.Add("at " + jsonPath);
        }

        return $"{reason} ({string.Join(", ", where)})";
    }
}
