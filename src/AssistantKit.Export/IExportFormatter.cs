namespace AssistantKit.Export;

/// <summary>
/// Writes conversations in one format. Register one with <c>builder.AddFormatter&lt;T&gt;()</c>; the exporter picks it by <see cref="Format"/>.
/// </summary>
/// <remarks>
/// The exporter applies the filters and options before the formatter sees anything: <see cref="ExportContext.Messages"/>
/// are already filtered, converted to the time zone and stripped of what the options leave out; the header's strings are
/// valid Unicode. Message text is passed on as the source has it and can hold lone surrogates: write it through a UTF-8
/// encoder that replaces them (<see cref="System.Text.Encoding.UTF8"/>, <see cref="StreamWriter"/> and
/// <see cref="System.Text.Json.Utf8JsonWriter"/> all do); the exporter reports them in <see cref="ExportResult.Warnings"/>.
/// A formatter only writes. Exceptions it throws reach the caller wrapped in <see cref="ExportException"/>;
/// in a batch they fail that one conversation only. Implementations must be thread-safe (one instance serves all exports).
/// </remarks>
public interface IExportFormatter
{
    /// <summary>Gets the format key (lower case, for example <c>csv</c>).</summary>
    string Format { get; }

    /// <summary>Gets the content type of the output (for example <c>text/csv; charset=utf-8</c>).</summary>
    string ContentType { get; }

    /// <summary>Gets the file extension of the output, without the dot.</summary>
    string FileExtension { get; }

    /// <summary>
    /// Gets a value indicating whether the format keeps a branched conversation whole (data formats: JSON, CSV), rather
    /// than showing the branch the conversation shows (documents: Markdown, HTML, TXT, PDF; their alternatives through
    /// <see cref="ExportContext.AlternativesOf"/>). Default <see langword="false"/>.
    /// </summary>
    bool WritesWholeTree => false;

    /// <summary>Writes the conversation of <paramref name="context"/> to <paramref name="destination"/>.</summary>
    /// <param name="context">The conversation, its messages (streamed) and the export settings.</param>
    /// <param name="destination">The stream to write to; leave it open.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when everything is written and flushed.</returns>
    Task WriteAsync(ExportContext context, Stream destination, CancellationToken cancellationToken);
}
