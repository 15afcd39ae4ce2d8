using System.Text;

namespace AssistantKit.Serialization;

/// <summary>
/// The input is not a valid conversation document. The exception says what is wrong and where:
/// the file (when known), the line and the JSON path.
/// </summary>
public sealed class ConversationFormatException : FormatException
{
    /// <summary>Initializes a new instance with a message only.</summary>
    /// <param name="message">What is wrong.</param>
    public ConversationFormatException(string message)
        : this(message, fileName: null, jsonPath: null, lineNumber: null, innerException: null)
    {
    }

    /// <summary>Initializes a new instance that says what is wrong and where.</summary>
    /// <param name="message">What is wrong, without the location (the location is appended).</param>
    /// <param name="fileName">The file being read, or <see langword="null"/>.</param>
    /// <param name="jsonPath">The JSON path of the offending value (for example <c>$.messages[3].role</c>), or <see langword="null"/>.</param>
    /// <param name="lineNumber">The 1-based line of the offending value, or <see langword="null"/>.</param>
    /// <param name="innerException">The underlying error, or <see langword="null"/>.</param>
    public ConversationFormatException(string message, string? fileName, string? jsonPath, long? lineNumber, Exception? innerException)
        : base(Describe(message, fileName, jsonPath, lineNumber), innerException)
    {
        Reason = message;
        FileName = fileName;
        JsonPath = jsonPath;
        LineNumber = lineNumber;
    }

    /// <summary>Gets what is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>Gets the file being read, or <see langword="null"/> when the input was not a file.</summary>
    public string? FileName { get; }

    /// <summary>Gets the JSON path of the offending value, or <see langword="null"/> when unknown.</summary>
    public string? JsonPath { get; }

    /// <summary>Gets the 1-based line number of the offending value, or <see langword="null"/> when unknown.</summary>
    public long? LineNumber { get; }

    /// <summary>Returns a copy of this exception that names <paramref name="fileName"/> as the file being read.</summary>
    /// <param name="fileName">The file name.</param>
    /// <returns>The new exception.</returns>
    public ConversationFormatException WithFileName(string fileName) =>
        new(Reason, fileName, JsonPath, LineNumber, InnerException);

    private static string Describe(string message, string? fileName, string? jsonPath, long? lineNumber)
    {
        if (fileName is null && jsonPath is null && lineNumber is null)
        {
            return message;
        }

        var where = new StringBuilder();
        where.Append(fileName ?? "input");
        if (lineNumber is { } line)
        {
            where.Append(':').Append(line);
        }

        if (jsonPath is not null)
        {
            where.Append(" at ").Append(jsonPath);
        }

        return $"{message} ({where})";
    }
}
