using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AssistantKit.Export.Pdf.Layout;
using AssistantKit.Export.Pdf.Rendering;
using AssistantKit.Serialization;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace AssistantKit.Export.Pdf;

/// <summary>
/// The <c>pdf</c> formatter. Two passes over the messages: the first lays them out to count pages (keeping only the
/// current position, and the messages in a temporary file), the second draws them with "Page X of Y". Memory stays bounded
/// by the largest message, whatever the conversation's length. Cancellation is checked between pages.
/// </summary>
public sealed class PdfExportFormatter : IExportFormatter
{
    private static readonly JsonTypeInfo<ConversationMessage> MessageInfo = (JsonTypeInfo<ConversationMessage>)ConversationJson.Options.GetTypeInfo(typeof(ConversationMessage));

    private readonly PdfExportOptions _options;
    private readonly string _temporaryDirectory;

    /// <summary>Creates the formatter.</summary>
    /// <param name="options">The PDF options.</param>
    /// <param name="exportOptions">The export service options (for the temporary directory).</param>
    public PdfExportFormatter(IOptions<PdfExportOptions> options, IOptions<ExportServiceOptions> exportOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(exportOptions);
        _options = options.Value;
        _temporaryDirectory = exportOptions.Value.TemporaryDirectory ?? Path.GetTempPath();
    }

    /// <inheritdoc/>
    public string Format => "pdf";

    /// <inheritdoc/>
    public string ContentType => "application/pdf";

    /// <inheritdoc/>
    public string FileExtension => "pdf";

    /// <inheritdoc/>
    public async Task WriteAsync(ExportContext context, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(destination);
        var page = PageGeometry.For(_options);
        var fonts = new PdfFonts(_options.FallbackFonts, _options.UseSystemFonts, context.AddWarning);
        using var text = new TextLayout(fonts);
        var images = new ImageLimits(_options.MaxImagePixels, page.BodyBottom - page.BodyTop - (_options.BaseFontSize * 4));
        var layout = new DocumentLayout(context, text, page.ContentWidth, _options.BaseFontSize, images);
        var drawingPass = false; // workers are made when needed, in either pass
        var workers = new MessageLayouts(() =>
        {
            var workerFonts = new PdfFonts(_options.FallbackFonts, _options.UseSystemFonts, _ => { }); // an unreadable fallback font: warned once, above
            var workerText = new TextLayout(workerFonts) { Draws = false };
            var worker = new LayoutWorker(workerFonts, workerText, new DocumentLayout(context, workerText, page.ContentWidth, _options.BaseFontSize, images));
            if (drawingPass)
            {
                worker.BeginDrawing();
            }

            return worker;
        }, _options.MaxDegreeOfParallelism > 0 ? _options.MaxDegreeOfParallelism : Environment.ProcessorCount);
        var messagesPath = Path.Combine(_temporaryDirectory, $"assistantkit-pdf-{Guid.NewGuid():N}.jsonl");
        var pdfPath = Path.ChangeExtension(messagesPath, ".pdf");
        try
        {
            // Pass 1: store the messages, lay them out (in parallel, lines without glyph runs), count pages.
            text.Draws = false;
            var count = 0;
            DateTimeOffset? first = null, last = null;
            var measuring = new Paginator(page, new CountingSink(), cancellationToken);
            measuring.Add(layout.TitleBlock(0, null, null));
            var stored = new FileStream(messagesPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
            await using (stored.ConfigureAwait(false))
            {
                async IAsyncEnumerable<(ConversationMessage, string?)> Store()
                {
                    await foreach (var message in context.Messages.WithCancellation(cancellationToken).ConfigureAwait(false))
                    {
                        count++;
                        first ??= message.CreatedAt;
                        last = message.CreatedAt ?? last;
                        await JsonSerializer.SerializeAsync(stored, message, MessageInfo, cancellationToken).ConfigureAwait(false);
                        stored.WriteByte((byte)'\n');
                        yield return (message, null);
                    }
                }

                await foreach (var lines in workers.LayOutAsync(Store(), cancellationToken).ConfigureAwait(false))
                {
                    measuring.Add(lines);
                }
            }

            // The title block's summary is one line whatever it says, so the page count holds.
            var pages = measuring.Finish();
            layout.RunningText(pages);
            layout.TitleBlock(count, first, last); // what pass 2 draws there, so that its characters are in the subsets
            foreach (var worker in workers.Workers)
            {
                fonts.Merge(worker.Fonts);
                worker.BeginDrawing();
            }

            text.Draws = true;
            drawingPass = true;

            var subsets = fonts.CreateSubsets();
            layout.Quiet = true;

            // Pass 2: draw, laying out again (in parallel) from the stored messages.
            var pdf = new FileStream(pdfPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
            await using (pdf.ConfigureAwait(false))
            {
                List<(int Page, float Top, string Title)> bookmarks;
                using (var document = SKDocument.CreatePdf(pdf, Metadata(context)))
                using (var sink = new SkiaPageSink(document, page, text, subsets, context.Title, context.FormatTimestamp(context.ExportedAt), n => layout.Labels.Page(n, pages, context.Culture), context.AddWarning))
                {
                    var drawing = new Paginator(page, sink, cancellationToken);
                    drawing.Add(layout.TitleBlock(count, first, last));
                    async IAsyncEnumerable<(ConversationMessage, string?)> Read()
                    {
                        using var reader = new StreamReader(messagesPath, Encoding.UTF8, false, new FileStreamOptions { BufferSize = 64 * 1024 });
                        var index = 0;
                        DateOnly? day = null;
                        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                        {
                            var message = JsonSerializer.Deserialize(line, MessageInfo)!;
                            (var bookmark, day) = Bookmark(layout, context, message, ++index, day);
                            yield return (message, bookmark);
                        }
                    }

                    await foreach (var lines in workers.LayOutAsync(Read(), cancellationToken).ConfigureAwait(false))
                    {
                        drawing.Add(lines);
                    }

                    drawing.Finish();
                    document.Close();
                    bookmarks = sink.Bookmarks;
                }

                PdfOutline.Append(pdf, bookmarks, page.Height);
                pdf.Position = 0;
                await pdf.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            }

            if (fonts.Missing.Count > 0)
            {
                var shown = string.Join(", ", fonts.Missing.Take(20).Select(c => $"U+{c:X4}"));
                context.AddWarning($"{fonts.Missing.Count} character(s) have no glyph in the bundled, fallback{(_options.UseSystemFonts ? " or installed" : "")} fonts and are shown as \uFFFD: {shown}{(fonts.Missing.Count > 20 ? ", …" : "")}. Install a font that has them, or add one as a fallback (PdfExportOptions.FallbackFonts; with the assistantkit tool: --font <file>).");
            }
        }
        finally
        {
            foreach (var worker in workers.Workers)
            {
                worker.Dispose();
            }

            File.Delete(messagesPath);
            File.Delete(pdfPath);
        }
    }

    /// <summary>The bookmark that starts at a message, if any, and the day of the last per-day bookmark.</summary>
    private (string? Bookmark, DateOnly? Day) Bookmark(DocumentLayout layout, ExportContext context, ConversationMessage message, int index, DateOnly? day)
    {
        switch (_options.Outline)
        {
            case PdfOutlineMode.PerMessage:
                return (layout.Bookmark(message, index), day);
            case PdfOutlineMode.PerDay when message.CreatedAt is { } created:
                var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(created, context.TimeZone).DateTime);
                return date == day ? (null, day) : (date.ToString("D", context.Culture), date);
            default:
                return (null, day);
        }
    }

    private static SKDocumentPdfMetadata Metadata(ExportContext context)
    {
        var metadata = SKDocumentPdfMetadata.Default;
        metadata.Title = context.Title;
        metadata.Subject = $"{context.Labels.Conversation} {context.Conversation.Id}";
        metadata.Author = context.Options.IncludeUserInfo ? string.Join(", ", context.Conversation.Participants.Select(p => p.Name ?? p.Id)) : "";
        metadata.Creator = "AssistantKit";
        metadata.Producer = "AssistantKit.Export.Pdf (SkiaSharp)";
        metadata.Creation = context.ExportedAt.UtcDateTime;
        metadata.Modified = context.ExportedAt.UtcDateTime;
        return metadata;
    }
}
