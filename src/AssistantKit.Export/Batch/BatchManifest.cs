using System.Text.Json;
using AssistantKit.Serialization;
using AssistantKit.Text;

namespace AssistantKit.Export.Batch;

/// <summary>Writes <c>manifest.json</c> of a batch archive.</summary>
internal static class BatchManifest
{
    public static async Task WriteAsync(Stream destination, string format, DateTimeOffset exportedAt, IReadOnlyList<BatchItemResult> items, CancellationToken cancellationToken)
    {
        var writer = new Utf8JsonWriter(destination, ConversationJson.WriterOptions with { Indented = true });
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", 1);
            writer.WriteString("format", format);
            writer.WriteString("exportedAt", exportedAt);
            writer.WriteNumber("succeeded", items.Count(static i => i.Succeeded));
            writer.WriteNumber("failed", items.Count(static i => !i.Succeeded));
            writer.WriteStartArray("items");
            foreach (var item in items)
            {
                writer.WriteStartObject();
                writer.WriteString("conversationId", item.ConversationId);
                writer.WriteString("title", item.Title is null ? null : TextSanitizer.ToValidUnicode(item.Title));
                writer.WriteString("status", item.Succeeded ? "ok" : "failed");
                if (item.FileName is not null)
                {
                    writer.WriteString("file", item.FileName);
                    writer.WriteNumber("messages", item.MessagesWritten);
                    writer.WriteNumber("bytes", item.BytesWritten);
                }

                if (item.Error is not null)
                {
                    writer.WriteString("error", TextSanitizer.ToValidUnicode(item.Error));
                }

                if (item.Warnings.Count > 0)
                {
                    writer.WriteStartArray("warnings");
                    foreach (var warning in item.Warnings)
                    {
                        writer.WriteStringValue(warning);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
                if (writer.BytesPending > 32 * 1024)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
