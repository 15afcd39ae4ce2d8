using System.Text.Json;
using AssistantKit.Serialization;

namespace AssistantKit.Export.Formatters;

/// <summary>The AssistantKit conversation JSON (<c>schemaVersion</c> 1), streamed: it re-imports with <see cref="ConversationJson"/>.</summary>
internal sealed class JsonExportFormatter : IExportFormatter
{
    public bool WritesWholeTree => true;

    public string Format => ExportFormats.Json;

    public string ContentType => "application/json; charset=utf-8";

    public string FileExtension => "json";

    public async Task WriteAsync(ExportContext context, Stream destination, CancellationToken cancellationToken)
    {
        var writer = new Utf8JsonWriter(destination, ConversationJson.WriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            var document = new ConversationJsonWriter(writer);
            document.WriteStart(context.Conversation);
            await foreach (var message in context.Messages.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                document.WriteMessage(message);
                if (writer.BytesPending >= 32 * 1024)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            document.WriteEnd();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
