using System.Text;
using System.Text.Json;

namespace AssistantKit.Templates.Serialization;

/// <summary>Maps a LobeChat agent file (<c>identifier</c>, <c>meta</c>, <c>config.systemRole</c>, <c>params</c>, <c>fewShots</c>) to the template shape.</summary>
internal static class LobeChat
{
    public static JsonElement ToTemplate(JsonElement agent)
    {
        // A field of the wrong kind reads as absent (meta: 5 is an agent without meta); the template rules judge the rest.
        var meta = Member(agent, "meta", JsonValueKind.Object);
        var config = Member(agent, "config", JsonValueKind.Object);
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

            var parameters = Member(config, "params", JsonValueKind.Object);
            if (Member(parameters, "temperature", JsonValueKind.Number) is { ValueKind: JsonValueKind.Number } t)
            {
                writer.WriteNumber("temperature", t.GetDouble());
            }

            if (Member(parameters, "max_tokens", JsonValueKind.Number) is { ValueKind: JsonValueKind.Number } m && m.TryGetInt32(out var maxTokens))
            {
                writer.WriteNumber("maxTokens", maxTokens);
            }

            writer.WriteStartArray("tags");
            if (Member(meta, "tags", JsonValueKind.Array) is { ValueKind: JsonValueKind.Array } tags)
            {
                foreach (var tag in tags.EnumerateArray().Where(static t => t.ValueKind == JsonValueKind.String).Take(32))
                {
                    writer.WriteStringValue(tag.GetString());
                }
            }

            writer.WriteEndArray();
            writer.WriteStartArray("examples");
            var shots = Member(config, "fewShots", JsonValueKind.Array);
            if (shots.ValueKind == JsonValueKind.Array)
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

            if (Text(config, "openingMessage") is { } opening && (shots.ValueKind != JsonValueKind.Array || shots.GetArrayLength() == 0))
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

    /// <summary>The member when it is of <paramref name="kind"/>; otherwise the undefined element (which every helper here reads as absent).</summary>
    private static JsonElement Member(JsonElement element, string name, JsonValueKind kind) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == kind ? value : default;

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
