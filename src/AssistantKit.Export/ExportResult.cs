namespace AssistantKit.Export;

/// <summary>What an export wrote.</summary>
public sealed record ExportResult
{
    /// <summary>Gets the format key.</summary>
    public required string Format { get; init; }

    /// <summary>Gets the content type (for example <c>text/csv; charset=utf-8</c>).</summary>
    public required string ContentType { get; init; }

    /// <summary>Gets the suggested file name, with extension, safe on Windows, macOS and Linux.</summary>
    public required string FileName { get; init; }

    /// <summary>Gets the number of bytes written.</summary>
    public long BytesWritten { get; init; }

    /// <summary>Gets the number of messages written (after filters).</summary>
    public long MessagesWritten { get; init; }

    /// <summary>Gets what the export had to change or leave out (for example text that was not valid Unicode).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>The options of an export are invalid; the message lists the valid values.</summary>
public sealed class ExportOptionsException : ArgumentException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What is wrong and what is valid.</param>
    /// <param name="paramName">The option at fault (for example <c>Format</c>).</param>
    public ExportOptionsException(string message, string paramName)
        : base(message, paramName)
    {
    }
}

/// <summary>A formatter failed while writing a conversation.</summary>
public sealed class ExportException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="conversationId">The conversation being exported.</param>
    /// <param name="format">The format key.</param>
    /// <param name="innerException">The cause.</param>
    public ExportException(string message, string? conversationId, string format, Exception? innerException)
        : base(message, innerException)
    {
        ConversationId = conversationId;
        Format = format;
    }

    /// <summary>Gets the id of the conversation being exported.</summary>
    public string? ConversationId { get; }

    /// <summary>Gets the format key.</summary>
    public string Format { get; }
}
