using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static AssistantKit.Import.Tests.FixtureImportTests;

namespace AssistantKit.Import.Tests;

/// <summary>
/// Nothing the source shows its user is lost: for every fixture, a walk of the source written here, independent of the
/// importers, lists each text, reasoning, tool call, image and attachment text a person would see, and each one must be
/// in the imported conversation (every branch), by content; the message counts must match too.
/// </summary>
public sealed partial class ConservationTests
{
    public static TheoryData<string> Fixtures() =>
    [
        "chatgpt-export.json", "chatgpt-modern-export.json", "chatgpt-citations.json", "chatgpt-search-export.json",
        "librechat-export.json", "openwebui-export.json", "chatbotui-export.json", "claude-export.json",
    ];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task EverythingTheSourceShows_IsInTheImport(string fixture)
    {
        var source = JsonNode.Parse(await File.ReadAllTextAsync(Fixture(fixture), TestContext.Current.CancellationToken))!;
        var expected = Walk(fixture, source);
        var items = await ReadAsync(Fixture(fixture), new ImportOptions { AllBranches = true });

        Assert.Equal(expected.Count, items.Count);
        for (var c = 0; c < expected.Count; c++)
        {
            if (expected[c] is null)
            {
                Assert.NotNull(items[c].Error); // the source holds no conversation here: an error says so, nothing is made up
                continue;
            }

            Assert.True(items[c].Succeeded, items[c].Error?.Message);
            var conversation = items[c].Conversation!;
            var haystack = Haystack(conversation);
            Assert.Equal(expected[c]!.Messages, conversation.Messages.Count);
            Assert.All(expected[c]!.Shown, shown => Assert.True(haystack.Contains(shown, StringComparison.Ordinal), $"{fixture}, conversation {c + 1}: not imported: \"{shown}\""));
            Assert.Equal(expected[c]!.Images, conversation.Messages.SelectMany(static m => m.Parts).OfType<AttachmentPart>().Count(static a => a.MediaType?.StartsWith("image", StringComparison.Ordinal) == true));
        }
    }

    /// <summary>What one source conversation shows: its visible messages, each shown text, and its images.</summary>
    private sealed record Source(int Messages, List<string> Shown, int Images);

    /// <summary>What each conversation of the source shows, or <see langword="null"/> where it holds none (a conversation without messages).</summary>
    private static List<Source?> Walk(string fixture, JsonNode source) => fixture.Split('-')[0] switch
    {
        "chatgpt" => source.AsArray().Select(static c => c!["mapping"] is null ? null : ChatGpt(c)).ToList(),
        "librechat" => [LibreChat(source)],
        "openwebui" => source.AsArray().Select(static c => (Source?)OpenWebUi(c!)).ToList(),
        "chatbotui" => source["history"]!.AsArray().Select(static c => (Source?)Linear(c!["messages"]!.AsArray().Select(static m => (string?)m!["content"]).Prepend((string?)c["prompt"]).Where(static t => !string.IsNullOrEmpty(t)))).ToList(),
        "claude" => source.AsArray().Select(static c => (Source?)Claude(c!)).ToList(),
        _ => throw new ArgumentException(fixture),
    };

    private static Source ChatGpt(JsonNode conversation)
    {
        var shown = new List<string>();
        int messages = 0, images = 0;
        foreach (var (_, node) in conversation["mapping"]!.AsObject())
        {
            if (node?["message"] is not { } message || message["metadata"]?["is_visually_hidden_from_conversation"]?.GetValue<bool>() == true)
            {
                continue;
            }

            var content = message["content"]!;
            var texts = new List<string>();
            foreach (var part in content["parts"]?.AsArray() ?? [])
            {
                if (part is JsonValue value && value.TryGetValue<string>(out var text))
                {
                    texts.Add(text);
                }
                else if ((string?)part?["content_type"] == "image_asset_pointer")
                {
                    images++;
                }
            }

            texts.AddRange(new[] { "text", "result" }.Select(key => (string?)content[key]).OfType<string>());
            if ((string?)message["author"]?["role"] == "system" && texts.All(string.IsNullOrWhiteSpace) && content["parts"]?.AsArray().Count(static p => p is JsonObject) is null or 0)
            {
                continue; // the empty system message every export starts with shows nothing
            }

            messages++;
            shown.AddRange(texts.SelectMany(static t => CitationMarker().Split(t)));
        }

        return new Source(messages, Visible(shown), images);
    }

    private static Source LibreChat(JsonNode conversation)
    {
        var texts = new List<string>();
        var stack = new Stack<JsonNode>((conversation["messagesTree"] ?? conversation["messages"])!.AsArray()!);
        while (stack.TryPop(out var message))
        {
            texts.Add((string?)message["text"] ?? "");
            foreach (var child in message["children"]?.AsArray() ?? [])
            {
                stack.Push(child!);
            }
        }

        return new Source(texts.Count, Visible(texts), 0);
    }

    private static Source OpenWebUi(JsonNode chat)
    {
        var messages = chat["chat"]!["history"]!["messages"]!.AsObject().Select(static m => m.Value!).ToList();
        var texts = new List<string>();
        foreach (var message in messages)
        {
            if (message["output"] is JsonArray output)
            {
                foreach (var item in output)
                {
                    texts.AddRange(item!["content"]?.AsArray().Select(static c => (string?)c!["text"]).OfType<string>() ?? []);
                    texts.AddRange(new[] { "name", "arguments" }.Select(key => (string?)item[key]).OfType<string>());
                }
            }
            else
            {
                texts.AddRange(DetailsBlock().Split((string?)message["content"] ?? ""));
            }
        }

        return new Source(messages.Count, Visible(texts), 0);
    }

    private static Source Claude(JsonNode conversation)
    {
        var messages = conversation["chat_messages"]!.AsArray();
        var texts = new List<string>();
        foreach (var message in messages)
        {
            var blocks = message!["content"]?.AsArray();
            if (blocks is null or { Count: 0 })
            {
                texts.Add((string?)message["text"] ?? "");
            }

            foreach (var block in blocks ?? [])
            {
                texts.AddRange(new[] { "text", "thinking", "name" }.Select(key => (string?)block![key]).OfType<string>());
                if (block!["input"] is JsonObject input)
                {
                    texts.AddRange(input.Select(static p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().Select(static s => s.Split('\n')[0]));
                }

                texts.AddRange(block["content"] is JsonArray result ? result.Select(static r => (string?)r!["text"]).OfType<string>() : []);
            }

            texts.AddRange(message["attachments"]!.AsArray().SelectMany(static a => new[] { (string?)a!["file_name"], (string?)a["extracted_content"] }).OfType<string>());
            texts.AddRange(message["files"]!.AsArray().Select(static f => (string?)f!["file_name"]).OfType<string>());
        }

        return new Source(messages.Count, Visible(texts), 0);
    }

    private static Source Linear(IEnumerable<string?> texts)
    {
        var list = texts.ToList();
        return new Source(list.Count, Visible(list.OfType<string>()), 0);
    }

    private static List<string> Visible(IEnumerable<string> texts) => texts.Select(static t => t.Trim()).Where(static t => t.Length > 0).ToList();

    /// <summary>Everything of an imported conversation a reader or a tool can see, as one text.</summary>
    private static string Haystack(Conversation conversation)
    {
        var text = new StringBuilder();
        foreach (var message in conversation.Messages)
        {
            text.Append(message.Content).Append('\n');
            foreach (var part in message.Parts)
            {
                text.Append(part switch
                {
                    CodePart code => code.Code,
                    ReasoningPart reasoning => reasoning.Text,
                    ToolCallPart call => $"{call.Name}\n{(call.Arguments is { } a && a.StartsWith('{') ? System.Text.Json.JsonDocument.Parse(a).RootElement.EnumerateObject().Select(static p => p.Value.ToString()).Aggregate(a, static (all, v) => all + "\n" + v) : call.Arguments)}",
                    ToolResultPart result => result.Result,
                    AttachmentPart attachment => $"{attachment.Name}\n{(attachment.Data is { } data && attachment.MediaType == "text/plain" ? Encoding.UTF8.GetString(data.Span) : "")}",
                    _ => "",
                }).Append('\n');
            }
        }

        return text.ToString();
    }

    [GeneratedRegex("【\\d+(?::\\d+)?†[^【】\\n]*】|\uE200[^\uE201]*\uE201")]
    private static partial Regex CitationMarker();

    [GeneratedRegex("<details[\\s\\S]*?</details>")]
    private static partial Regex DetailsBlock();
}
