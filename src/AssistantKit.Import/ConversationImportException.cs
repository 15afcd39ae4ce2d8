namespace AssistantKit.Import;

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
