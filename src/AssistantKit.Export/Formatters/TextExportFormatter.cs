using System.Text;

namespace AssistantKit.Export.Formatters;

/// <summary>
/// Base of the formatters that write text (Markdown, plain text, HTML): a header, one block per message, a footer.
/// Text is encoded straight into a pooled buffer (<see cref="Utf8BufferWriter"/>) that is written to the destination
/// asynchronously in 64 KB chunks, so an async-only destination (an ASP.NET Core response) is never written
/// synchronously and memory stays flat.
/// </summary>
internal abstract class TextExportFormatter : IExportFormatter
{
    private const int ChunkSize = 64 * 1024;

    public abstract string Format { get; }

    public abstract string ContentType { get; }

    public abstract string FileExtension { get; }

    public async Task WriteAsync(ExportContext context, Stream destination, CancellationToken cancellationToken)
    {
        using var writer = new Utf8BufferWriter(ChunkSize * 2);
        if (context.Options.WriteByteOrderMark)
        {
            writer.WriteBytes(Encoding.UTF8.Preamble);
        }

        var state = CreateState(context);
        WriteHeader(context, writer, state);
        await foreach (var message in context.Messages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            WriteMessage(context, writer, message, state);
            if (context.AlternativesOf(message) is { Count: > 0 } alternatives)
            {
                WriteAlternatives(context, writer, alternatives, state);
            }

            if (writer.Length >= ChunkSize)
            {
                await writer.DrainAsync(destination, cancellationToken).ConfigureAwait(false);
            }
        }

        WriteFooter(context, writer, state);
        await writer.DrainAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the other versions of the message just written (<see cref="ExportContext.AlternativesOf"/>): by default a
    /// label line, then each version's messages as any other message. Formats with a way to fold them override this.
    /// </summary>
    protected virtual void WriteAlternatives(ExportContext context, Utf8BufferWriter writer, IReadOnlyList<IReadOnlyList<ConversationMessage>> alternatives, object? state)
    {
        for (var i = 0; i < alternatives.Count; i++)
        {
            writer.WriteLine($"({context.Labels.OtherVersions}: {i + 1}/{alternatives.Count})");
            writer.WriteLine();
            foreach (var message in alternatives[i])
            {
                WriteMessage(context, writer, message, state);
            }
        }
    }

    /// <summary>Creates per-document state (for example a reusable renderer); one instance per export.</summary>
    protected abstract object? CreateState(ExportContext context);

    protected abstract void WriteHeader(ExportContext context, Utf8BufferWriter writer, object? state);

    protected abstract void WriteMessage(ExportContext context, Utf8BufferWriter writer, ConversationMessage message, object? state);

    protected abstract void WriteFooter(ExportContext context, Utf8BufferWriter writer, object? state);
}
