using System.Globalization;
using System.Text;
using AssistantKit.Export.Text;

namespace AssistantKit.Export;

/// <summary>What a formatter writes: the conversation header, its messages as a stream, and the export settings.</summary>
public sealed class ExportContext
{
    private readonly List<string> _warnings;
    private readonly SideFiles? _sideFiles;
    private readonly Func<string, IReadOnlyList<IReadOnlyList<ConversationMessage>>>? _alternatives;
    private Formatted<DateTime>? _day;
    private Formatted<TimeSpan>? _offset;

    internal ExportContext(Conversation conversation, IAsyncEnumerable<ConversationMessage> messages, ExportOptions options, CultureInfo culture, TimeZoneInfo timeZone, DateTimeOffset exportedAt, List<string> warnings, SideFiles? sideFiles = null, Func<string, IReadOnlyList<IReadOnlyList<ConversationMessage>>>? alternatives = null)
    {
        _sideFiles = sideFiles;
        _alternatives = alternatives;
        Conversation = conversation;
        Messages = messages;
        Options = options;
        Culture = culture;
        TimeZone = timeZone;
        ExportedAt = exportedAt;
        Labels = ExportLabels.For(culture);
        _warnings = warnings;
    }

    /// <summary>Gets the conversation header (title, times, participants, metadata as the options allow); its <see cref="AssistantKit.Conversation.Messages"/> is empty.</summary>
    public Conversation Conversation { get; }

    /// <summary>Gets the messages to write, filtered and prepared; enumerate once.</summary>
    public IAsyncEnumerable<ConversationMessage> Messages { get; }

    /// <summary>Gets the export options.</summary>
    public ExportOptions Options { get; }

    /// <summary>Gets the culture of labels and dates.</summary>
    public CultureInfo Culture { get; }

    /// <summary>Gets the time zone times are shown in (times in <see cref="Messages"/> are already converted).</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Gets when the export started, in <see cref="TimeZone"/>.</summary>
    public DateTimeOffset ExportedAt { get; }

    /// <summary>Gets the labels in the export's language.</summary>
    public ExportLabels Labels { get; }

    /// <summary>Gets the conversation title, or the localized "Untitled conversation".</summary>
    public string Title => string.IsNullOrWhiteSpace(Conversation.Title) ? Labels.Untitled : Conversation.Title;

    /// <summary>
    /// Returns the other versions of <paramref name="message"/> where the conversation branches (an edited question, a
    /// regenerated answer), each with the replies below it, filtered and prepared like <see cref="Messages"/>; empty when
    /// there are none, when <see cref="ExportOptions.IncludeAlternatives"/> is off, or when the format writes the whole
    /// tree anyway (<see cref="IExportFormatter.WritesWholeTree"/>). Documents write them after the message.
    /// </summary>
    /// <param name="message">A message of <see cref="Messages"/>.</param>
    /// <returns>The alternatives, each a list of messages in conversation order.</returns>
    public IReadOnlyList<IReadOnlyList<ConversationMessage>> AlternativesOf(ConversationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _alternatives is null ? [] : _alternatives(message.Id);
    }

    /// <summary>
    /// Writes <paramref name="data"/> as a file beside the export, when its destination can hold more than one file (a
    /// batch ZIP, a directory), and returns its path relative to the export for a link (for example
    /// <c>attachments/conv-1/cat.png</c>); returns <see langword="null"/> when the export is a single stream.
    /// </summary>
    /// <param name="name">The file's name (untrusted: it is made safe and unique).</param>
    /// <param name="data">The bytes.</param>
    /// <returns>The relative path, or <see langword="null"/>.</returns>
    public string? AddSideFile(string? name, ReadOnlyMemory<byte> data) => _sideFiles?.Add(name, data);

    /// <summary>Records a warning for <see cref="ExportResult.Warnings"/>.</summary>
    /// <param name="warning">What was changed or left out.</param>
    public void AddWarning(string warning)
    {
        lock (_warnings)
        {
            _warnings.Add(warning);
        }
    }

    /// <summary>Formats a time for people: the culture's date and time, and always the offset (for example <c>14.03.2025 12:00:00 UTC+01:00</c>).</summary>
    /// <param name="value">The time.</param>
    /// <returns>The text.</returns>
    public string FormatTimestamp(DateTimeOffset value)
    {
        Span<char> buffer = stackalloc char[64];
        var time = TimeOfDay(value, buffer, out var day, out var offset);
        return string.Concat(day, " ", time, offset);
    }

    /// <summary>Writes <see cref="FormatTimestamp(DateTimeOffset)"/>'s text without allocating (the hot path of text formatters).</summary>
    internal void WriteTimestamp(TextWriter writer, DateTimeOffset value)
    {
        Span<char> buffer = stackalloc char[64];
        var time = TimeOfDay(value, buffer, out var day, out var offset);
        writer.Write(day);
        writer.Write(' ');
        writer.Write(time);
        writer.Write(offset);
    }

    /// <summary>The pieces of a timestamp: the time of day (formatted into <paramref name="buffer"/>), the date and the offset.</summary>
    /// <remarks>
    /// "G" is the culture's short date pattern, a space and its long time pattern (how .NET composes it). The date and
    /// the offset repeat from message to message, so each is formatted once and kept (one reference each, so a formatter
    /// that calls this from several threads still reads a consistent pair); only the time of day is formatted each time.
    /// </remarks>
    private ReadOnlySpan<char> TimeOfDay(DateTimeOffset value, Span<char> buffer, out string day, out string offset)
    {
        var time = value.DateTime;
        if (_day is not { } kept || kept.Key != time.Date)
        {
            _day = kept = new(time.Date, time.ToString(Culture.DateTimeFormat.ShortDatePattern, Culture));
        }

        if (_offset is not { } keptOffset || keptOffset.Key != value.Offset)
        {
            _offset = keptOffset = new(value.Offset, (value.Offset < TimeSpan.Zero ? " UTC-" : " UTC+") + value.Offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture));
        }

        (day, offset) = (kept.Text, keptOffset.Text);
        var pattern = Culture.DateTimeFormat.LongTimePattern;
        return time.TryFormat(buffer, out var length, pattern, Culture) ? buffer[..length] : time.ToString(pattern, Culture);
    }

    /// <summary>Gets the label of a role ("User", "Benutzer", …).</summary>
    /// <param name="role">The role.</param>
    /// <returns>The label.</returns>
    public string RoleLabel(MessageRole role) => Labels.Role(role);

    /// <summary>
    /// Formats a message's model and token usage as one line of plain text in the context's language and culture,
    /// for example "Model: gpt-4o · Tokens: 12 → 340" ("–" for an unknown count). Formatters escape it as their format needs.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <returns>The line; empty when the message has neither a model nor usage.</returns>
    public string FormatMessageMetadata(ConversationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AppendMessageMetadata(new StringBuilder(64), message, message.Model).ToString();
    }

    /// <summary>The one definition of the metadata line; <paramref name="model"/> is the model name as the caller wants it written.</summary>
    internal StringBuilder AppendMessageMetadata(StringBuilder line, ConversationMessage message, string? model)
    {
        if (model is not null)
        {
            line.Append(Labels.Model).Append(": ").Append(model);
        }

        if (message.Usage is { } usage)
        {
            line.Append(model is null ? "" : " · ").Append(Labels.Tokens).Append(": ");
            AppendCount(line, usage.InputTokens).Append(" → ");
            AppendCount(line, usage.OutputTokens);
        }

        return line;
    }

    private StringBuilder AppendCount(StringBuilder line, long? value) =>
        value is { } number ? line.Append(Culture, $"{number}") : line.Append('–');
}

/// <summary>A value and its text, kept for the next time the same value is formatted.</summary>
internal sealed record Formatted<T>(T Key, string Text);
