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
                writer.WriteString("content_type", "text");
                writer.WriteStartArray("parts");
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
