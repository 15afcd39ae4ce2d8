using System.Text;
using System.Text.Json;

namespace AssistantKit.Templates.Serialization;

/// <summary>Maps a LobeChat agent file (<c>identifier</c>, <c>meta</c>, <c>config.systemRole</c>, <c>params</c>, <c>fewShots</c>) to the template shape.</summary>
internal static class LobeChat
{
    public static JsonElement ToTemplate(JsonElement agent)
    {
        var meta = agent.GetProperty("meta");
        var config = agent.GetProperty("config");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", Slug(Text(agent, "identifier") ?? Text(meta, "title") ?? "lobechat-agent"));
            writer.WriteString("name", Text(meta, "title") ?? Text(agent, "identifier") ?? "");
            writer.WriteString("description", Text(meta, "description") ?? "");
            writer.WriteString("category", Category(Text(meta, "category")));
            writer.WriteString("instructions", Text(config, "systemRole") ?? "");
            if (Text(config, "model") is { } model)
            {
                writer.WriteString("model", model);
            }

            if (config.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
            {
                if (parameters.TryGetProperty("temperature", out var t) && t.ValueKind == JsonValueKind.Number)
                {
                    writer.WriteNumber("temperature", t.GetDouble());
                }

                if (parameters.TryGetProperty("max_tokens", out var m) && m.ValueKind == JsonValueKind.Number)
                {
                    writer.WriteNumber("maxTokens", m.GetInt32());
                }
            }

            writer.WriteStartArray("tags");
            if (meta.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
            {
                foreach (var tag in tags.EnumerateArray().Where(static t => t.ValueKind == JsonValueKind.String).Take(32))
                {
                    writer.WriteStringValue(tag.GetString());
                }
            }

            writer.WriteEndArray();
            writer.WriteStartArray("examples");
            if (config.TryGetProperty("fewShots", out var shots) && shots.ValueKind == JsonValueKind.Array)
            {
                string? user = null;
                foreach (var shot in shots.EnumerateArray())
                {
                    var role = Text(shot, "role");
                    var content = Text(shot, "content") ?? "";
                    if (role == "user")
                    {
                        user = content;
                    }
                    else if (role == "assistant" && user is not null)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("user", user);
                        writer.WriteString("assistant", content);
                        writer.WriteEndObject();
                        user = null;
                    }
                }
            }

            if (Text(config, "openingMessage") is { } opening && (!config.TryGetProperty("fewShots", out var few) || few.GetArrayLength() == 0))
            {
                // No few-shots: the opening message is the best example of the agent's voice.
                writer.WriteStartObject();
                writer.WriteString("user", Text(config, "openingQuestions") ?? "Hello!");
                writer.WriteString("assistant", opening);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartObject("metadata");
            writer.WriteString("source", "lobechat");
            if (Text(agent, "author") is { } author)
            {
                writer.WriteString("author", author.Length > 512 ? author[..512] : author);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Category(string? lobe) => lobe switch
    {
        "programming" or "academic" => "technical",
        "copywriting" or "writing" or "translation" or "design" or "entertainment" => "creative",
        "education" => "education",
        "career" or "business" or "marketing" or "office" or "finance" => "business",
        "life" or "emotions" or "general" => "custom",
        _ => "custom",
    };

    private static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if ((c is ' ' or '-' or '_') && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "lobechat-agent" : slug[..Math.Min(slug.Length, 64)];
    }
}
