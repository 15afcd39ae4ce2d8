using System.Text.Json;

namespace AssistantKit.TestUtils;

/// <summary>Writes a ChatGPT-style <c>conversations.json</c> (mapping trees) from a fixed seed, for import tests and benchmarks.</summary>
public static class ChatGptExportGenerator
{
    /// <summary>Writes <paramref name="conversations"/> conversations of <paramref name="messages"/> messages each to <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="conversations">How many conversations.</param>
    /// <param name="messages">How many messages each.</param>
    public static void Write(string path, int conversations, int messages)
    {
        using var stream = File.Create(path);
        Write(stream, conversations, messages, withImages: false);
    }

    /// <summary>
    /// Writes a ChatGPT export ZIP as chatgpt.com sends it: <c>conversations.json</c> whose first message of each
    /// conversation shows an uploaded image (<c>file-service://file-Img00001</c>), and each image beside it as
    /// <c>file-Img00001-photo.png</c>, stored without compression like the real ZIP (a PNG is compressed already).
    /// </summary>
    /// <param name="path">The ZIP file.</param>
    /// <param name="conversations">How many conversations.</param>
    /// <param name="messages">How many messages each.</param>
    /// <param name="image">The PNG every conversation shows (the same bytes under each name).</param>
    public static void WriteZip(string path, int conversations, int messages, byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var archive = new System.IO.Compression.ZipArchive(File.Create(path), System.IO.Compression.ZipArchiveMode.Create);
        using (var json = archive.CreateEntry("conversations.json", System.IO.Compression.CompressionLevel.Fastest).Open())
        {
            Write(json, conversations, messages, withImages: true);
        }

        for (var c = 0; c < conversations; c++)
        {
            using var entry = archive.CreateEntry($"file-Img{c:D5}-photo.png", System.IO.Compression.CompressionLevel.NoCompression).Open();
            entry.Write(image);
        }
    }

    private static void Write(Stream stream, int conversations, int messages, bool withImages)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartArray();
        var bodies = SampleConversations.Messages(messages).Select(static m => m.Content).ToArray();
        for (var c = 0; c < conversations; c++)
        {
            writer.WriteStartObject();
            writer.WriteString("title", $"Conversation {c}");
            writer.WriteNumber("create_time", 1_700_000_000 + (c * 3600.5));
            writer.WriteNumber("update_time", 1_700_000_000 + (c * 3600.5) + 600);
            writer.WriteStartObject("mapping");
            writer.WriteStartObject("root");
            writer.WriteString("id", "root");
            writer.WriteNull("message");
            writer.WriteNull("parent");
            writer.WriteStartArray("children");
            writer.WriteStringValue("n0");
            writer.WriteEndArray();
            writer.WriteEndObject();
            for (var m = 0; m < messages; m++)
            {
                var id = $"n{m}";
                writer.WriteStartObject(id);
                writer.WriteString("id", id);
                writer.WriteStartObject("message");
                writer.WriteString("id", id);
                writer.WriteStartObject("author");
                writer.WriteString("role", m % 2 == 0 ? "user" : "assistant");
                writer.WriteNull("name");
                writer.WriteStartObject("metadata");
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteNumber("create_time", 1_700_000_000 + (c * 3600.5) + (m * 7.25));
                writer.WriteStartObject("content");
                writer.WriteString("content_type", withImages && m == 0 ? "multimodal_text" : "text");
                writer.WriteStartArray("parts");
                if (withImages && m == 0)
                {
                    writer.WriteStartObject();
                    writer.WriteString("content_type", "image_asset_pointer");
                    writer.WriteString("asset_pointer", $"file-service://file-Img{c:D5}");
                    writer.WriteNumber("width", 512);
                    writer.WriteNumber("height", 512);
                    writer.WriteEndObject();
                }

                writer.WriteStringValue(bodies[m]);
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteString("status", "finished_successfully");
                writer.WriteStartObject("metadata");
                if (m % 2 == 1)
                {
                    writer.WriteString("model_slug", "gpt-4o");
                }

                writer.WriteEndObject();
                writer.WriteString("recipient", "all");
                writer.WriteEndObject();
                writer.WriteString("parent", m == 0 ? "root" : $"n{m - 1}");
                writer.WriteStartArray("children");
                if (m + 1 < messages)
                {
                    writer.WriteStringValue($"n{m + 1}");
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteString("current_node", $"n{messages - 1}");
            writer.WriteString("conversation_id", $"conv-{c:D5}");
            writer.WriteString("id", $"conv-{c:D5}");
            writer.WriteString("default_model_slug", "gpt-4o");
            writer.WriteEndObject();
            writer.Flush(); // keep the generator's own memory flat
        }

        writer.WriteEndArray();
    }
}
