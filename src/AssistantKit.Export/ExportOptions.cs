namespace AssistantKit.Export;

/// <summary>How one export is written: format, filters and what to include.</summary>
/// <remarks>The defaults export every message with timestamps, without metadata or user info, in UTC and English.</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(ExportOptionsJsonConverter))]
public sealed record ExportOptions
{
    /// <summary>Gets the format key: <c>json</c> (default), <c>markdown</c>, <c>txt</c>, <c>csv</c>, <c>html</c>, <c>pdf</c> (from AssistantKit.Export.Pdf), or a host's own.</summary>
    public string Format { get; init; } = ExportFormats.Json;

    /// <summary>Gets a value indicating whether conversation and message metadata, model names and token usage are written. Default <see langword="false"/>.</summary>
    public bool IncludeMetadata { get; init; }

    /// <summary>Gets a value indicating whether message and conversation times are written. Default <see langword="true"/>.</summary>
    public bool IncludeTimestamps { get; init; } = true;

    /// <summary>Gets a value indicating whether participants and the names of user authors are written. Default <see langword="false"/>.</summary>
    public bool IncludeUserInfo { get; init; }

    /// <summary>Gets the time range of the messages kept, or <see langword="null"/> for all. Messages without a time are left out when a range is set.</summary>
    public DateRange? DateRange { get; init; }

    /// <summary>Gets which messages are kept by role. Default <see cref="MessageFilter.All"/>.</summary>
    public MessageFilter MessageFilter { get; init; } = MessageFilter.All;

    /// <summary>Gets a value indicating whether system messages are kept (with <see cref="MessageFilter.All"/>). Default <see langword="true"/>.</summary>
    public bool IncludeSystemMessages { get; init; } = true;

    /// <summary>Gets a value indicating whether tool messages are kept (with <see cref="MessageFilter.All"/>). Default <see langword="true"/>.</summary>
    public bool IncludeToolMessages { get; init; } = true;

    /// <summary>Gets a value indicating whether the model's reasoning is kept. Default <see langword="true"/>.</summary>
    public bool IncludeReasoning { get; init; } = true;

    /// <summary>Gets the IANA (or Windows) time zone id that times are shown in. Default <c>UTC</c>. Times always carry their offset.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Gets the culture of labels and dates: <c>en</c> (default) or <c>de</c>, or a specific culture such as <c>de-AT</c> (labels fall back to its language, then English).</summary>
    public string Culture { get; init; } = "en";

    /// <summary>
    /// Gets the template of the suggested file name (without extension): <c>{title}</c>, <c>{date}</c> (yyyy-MM-dd),
    /// <c>{id}</c>. The result is made safe for Windows, macOS and Linux. Default <c>{title} {date}</c>.
    /// </summary>
    public string FileNameTemplate { get; init; } = "{title} {date}";

    /// <summary>Gets a value indicating whether text formats start with a UTF-8 byte-order mark (helps Excel open CSV as UTF-8). Default <see langword="false"/>.</summary>
    public bool WriteByteOrderMark { get; init; }

    /// <summary>Gets the CSV field separator. Default <c>,</c>; <c>;</c> suits spreadsheets in locales with a decimal comma.</summary>
    public char CsvSeparator { get; init; } = ',';

    /// <summary>
    /// Gets the most bytes of one attachment that an export embeds: HTML shows images inline (<c>data:</c> URIs, which its
    /// Content-Security-Policy allows, nothing remote) and the text of text files; JSON always keeps every byte. A larger
    /// attachment is named with its size, and <see cref="ExportResult.Warnings"/> says so. Default 10 MiB.
    /// </summary>
    public long MaxEmbeddedAttachmentBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>
    /// Gets a value indicating whether documents (Markdown, HTML, TXT) also show the other versions of a message where the
    /// conversation branches (an edited question, a regenerated answer), after the version the conversation shows; HTML
    /// folds them in a <c>&lt;details&gt;</c> element. They pass the same filters as the other messages and are written
    /// after the message they replace (when a filter leaves that message out, they go with it). Data formats (JSON, CSV)
    /// always keep the whole tree. Default
    /// <see langword="false"/>: documents show the branch the conversation shows, as the product did.
    /// </summary>
    public bool IncludeAlternatives { get; init; }
}
