using System.Buffers;
using System.Globalization;
using AssistantKit.Export.Text;
using CsvHelper;

namespace AssistantKit.Export.Formatters;

/// <summary>
/// RFC 4180 CSV through CsvHelper, one row per message. Text cells that a spreadsheet would run as a formula
/// (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR) get a leading <c>'</c> (quoted where RFC 4180 needs it);
/// cells that are plain numbers such as <c>-5</c> stay as they are.
/// </summary>
internal sealed class CsvExportFormatter : IExportFormatter
{
    private static readonly string[] Header =
    [
        "conversation_id", "conversation_title", "message_id", "parent_id", "role", "author", "timestamp",
        "content", "parts", "model", "input_tokens", "output_tokens", "total_tokens",
    ];

    public bool WritesWholeTree => true;

    public string Format => ExportFormats.Csv;

    public string ContentType => "text/csv; charset=utf-8";

    public string FileExtension => "csv";

    public async Task WriteAsync(ExportContext context, Stream destination, CancellationToken cancellationToken)
    {
        // CsvHelper fills its own buffer and does I/O only in EndRecordAsync and FlushAsync: the destination sees async writes only.
        // Only depart from CsvHelper's defaults when asked: its default comma separator has the fastest quoting path.
        var options = context.Options is { CsvSeparator: ',', WriteByteOrderMark: false }
            ? CsvWriterOptions.Default
            : new CsvWriterOptions { Separator = context.Options.CsvSeparator, WriteByteOrderMark = context.Options.WriteByteOrderMark };
        var csv = CsvWriter.Create(destination, options, leaveOpen: true);
        await using (csv.ConfigureAwait(false))
        {
            csv.WriteHeader(Header);
            var conversationId = context.Conversation.Id;
            var title = context.Conversation.Title ?? "";
            await foreach (var message in context.Messages.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                WriteText(csv, conversationId);
                WriteText(csv, title);
                WriteText(csv, message.Id);
                WriteText(csv, message.ParentId ?? "");
                WriteText(csv, message.Role.ToWireName());
                WriteText(csv, message.AuthorName ?? "");
                WriteTimestamp(csv, message.CreatedAt);

                WriteText(csv, message.Content);
                WriteText(csv, message.Parts.Count == 0 ? "" : ContractJson.Serialize(message.Parts));
                WriteText(csv, message.Model ?? "");
                WriteNumber(csv, message.Usage?.InputTokens);
                WriteNumber(csv, message.Usage?.OutputTokens);
                WriteNumber(csv, message.Usage?.TotalTokens);
                await csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
            }

            await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns whether a spreadsheet would treat <paramref name="value"/> as a formula (OWASP CSV injection).</summary>
    internal static bool IsFormulaLike(string value) =>
        value.Length > 0
        && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static void WriteText(CsvWriter csv, string value)
    {
        if (!IsFormulaLike(value))
        {
            csv.WriteField(value);
            return;
        }

        // "'" + value without a copy of a possibly large body: CsvHelper copies the span into its own buffer at once.
        var prefixed = ArrayPool<char>.Shared.Rent(value.Length + 1);
        prefixed[0] = '\'';
        value.CopyTo(prefixed.AsSpan(1));
        csv.WriteField(prefixed.AsSpan(0, value.Length + 1));
        ArrayPool<char>.Shared.Return(prefixed);
    }

    /// <summary>ISO-8601 with offset and without trailing zeros in the fraction (2025-06-02T09:30:00+02:00), formatted on the stack.</summary>
    private static void WriteTimestamp(CsvWriter csv, DateTimeOffset? value)
    {
        if (value is not { } time)
        {
            csv.WriteField("");
            return;
        }

        Span<char> buffer = stackalloc char[40];
        time.TryFormat(buffer, out var length, "O", CultureInfo.InvariantCulture);
        var text = buffer[..length];
        var dot = text.IndexOf('.');
        var offset = text.Length - 6; // "+hh:mm"
        if (dot > 0)
        {
            var end = offset;
            while (end > dot + 1 && text[end - 1] == '0')
            {
                end--;
            }

            var keep = end == dot + 1 ? dot : end;
            text[offset..].CopyTo(buffer[keep..]);
            text = buffer[..(keep + 6)];
        }

        csv.WriteField(text);
    }

    private static void WriteNumber(CsvWriter csv, long? value)
    {
        if (value is { } number)
        {
            Span<char> digits = stackalloc char[20];
            number.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
            csv.WriteField(digits[..length]);
        }
        else
        {
            csv.WriteField("");
        }
    }
}
