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
