using System.Text;

namespace AssistantKit.Export.Formatters;

/// <summary>
/// Base of the formatters that write text (Markdown, plain text, HTML): a header, one block per message, a footer.
/// Text is encoded into a memory buffer and copied to the destination asynchronously in 64 KB chunks, so a slow
/// or async-only destination (an ASP.NET Core response) is never written synchronously and memory stays flat.
/// </summary>
internal abstract class TextExportFormatter : IExportFormatter
{
    private const int ChunkSize = 64 * 1024;

    public abstract string Format { get; }

    public abstract string ContentType { get; }

    public abstract string FileExtension { get; }

    public async Task WriteAsync(ExportContext context, Stream destination, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(ChunkSize * 2);
        var writer = new StreamWriter(buffer, new UTF8Encoding(context.Options.WriteByteOrderMark), ChunkSize, leaveOpen: true) { NewLine = "\n" };
        await using (writer.ConfigureAwait(false))
        {
            var state = CreateState(context);
            WriteHeader(context, writer, state);
            await foreach (var message in context.Messages.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                WriteMessage(context, writer, message, state);
                // The writer encodes into the memory buffer whenever its own 64 K-char buffer fills; drain once a chunk is there.
                if (buffer.Length >= ChunkSize)
                {
                    await DrainAsync(writer, buffer, destination, cancellationToken).ConfigureAwait(false);
                }
            }

            WriteFooter(context, writer, state);
            await DrainAsync(writer, buffer, destination, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates per-document state (for example a reusable renderer); one instance per export.</summary>
    protected abstract object? CreateState(ExportContext context);

    protected abstract void WriteHeader(ExportContext context, TextWriter writer, object? state);

    protected abstract void WriteMessage(ExportContext context, TextWriter writer, ConversationMessage message, object? state);

    protected abstract void WriteFooter(ExportContext context, TextWriter writer, object? state);

    private static async Task DrainAsync(StreamWriter writer, MemoryStream buffer, Stream destination, CancellationToken cancellationToken)
    {
        writer.Flush(); // into memory only
        if (buffer.Length > 0)
        {
            await destination.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
            buffer.SetLength(0);
        }
    }
}
