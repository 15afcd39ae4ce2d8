using System.Text;
using System.Text.Json.Nodes;
using static AssistantKit.Import.Tests.FixtureImportTests;

namespace AssistantKit.Import.Tests.Formats;

/// <summary>
/// LibreChat exports in the three shapes LibreChat writes (messagesTree, flat messages, nested messages with
/// "recursive": true), with branches; counts checked by an independent walk of the source.
/// </summary>
public sealed class LibreChatImportTests
{
    private const string Root = "00000000-0000-0000-0000-000000000000";

    /// <summary>
    /// user u1 → assistant a1 → user u2 → (assistant a2 | regenerated assistant a2b, newer) ; and an edited first question
    /// u1b → a1b. Nine messages in three branches; the newest message is a2b.
    /// </summary>
    private static JsonObject Message(string id, bool user, string text, int minute, params JsonObject[] children) => new()
    {
        ["messageId"] = id,
        ["parentMessageId"] = null,
        ["sender"] = user ? "User" : "GPT-4o",
        ["text"] = text,
        ["isCreatedByUser"] = user,
        ["createdAt"] = $"2025-03-01T10:{minute:00}:00.000Z",
        ["children"] = new JsonArray(children),
    };

    private static JsonArray NestedTree() =>
    [
        Message("u1", true, "First question", 0,
            Message("a1", false, "First answer", 1,
                Message("u2", true, "Second question", 2,
                    Message("a2", false, "Second answer", 3),
                    Message("a2b", false, "Second answer, regenerated", 9)),
                Message("u2c", true, "Second question, edited", 4,
                    Message("a2c", false, "Answer to the edit", 5)))),
        Message("u1b", true, "First question, asked again", 6,
            Message("a1b", false, "Answer to it", 7)),
    ];

    private static Stream Export(JsonArray messages, bool recursive, bool linkParents)
    {
        if (linkParents)
        {
            Link(messages, Root);
        }

        var export = new JsonObject
        {
            ["conversationId"] = "conv-1",
            ["endpoint"] = "openAI",
            ["title"] = "Branches",
            ["recursive"] = recursive,
            ["messages"] = messages,
        };
        return new MemoryStream(Encoding.UTF8.GetBytes(export.ToJsonString()));

        static void Link(JsonArray level, string parent)
        {
            foreach (var message in level.Select(static m => m!.AsObject()))
            {
                message["parentMessageId"] = parent;
                Link(message["children"]!.AsArray(), (string)message["messageId"]!);
            }
        }
    }

    /// <summary>The messages of a nested export, counted by walking the source independently.</summary>
    private static List<(string Id, string Text)> SourceMessages(JsonArray level) =>
        [.. level.Select(static m => m!.AsObject()).SelectMany(m => new[] { ((string)m["messageId"]!, (string)m["text"]!) }.Concat(SourceMessages(m["children"]!.AsArray())))];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Nested_AllBranches_KeepsEveryMessageWithItsParent(bool parentIdsInFile)
    {
        var source = NestedTree();
        var expected = SourceMessages(source);

        var conversation = Assert.Single(await ReadStreamAsync(Export(source, recursive: true, parentIdsInFile), new ImportOptions { AllBranches = true })).Conversation!;

        Assert.Equal(9, expected.Count);
        Assert.Equal(expected.Order(), conversation.Messages.Select(static m => (m.Id, m.Content)).Order());
        var parents = conversation.Messages.ToDictionary(static m => m.Id, static m => m.ParentId);
        Assert.Null(parents["u1"]);
        Assert.Null(parents["u1b"]);
        Assert.Equal("u2", parents["a2b"]);
        Assert.Equal("a1", parents["u2c"]);
        Assert.Equal("u1b", parents["a1b"]);
    }

    [Fact]
    public async Task Nested_DefaultBranch_IsTheOneEndingInTheNewestMessage()
    {
        var conversation = Assert.Single(await ReadStreamAsync(Export(NestedTree(), recursive: true, linkParents: true))).Conversation!;

        Assert.Equal(["u1", "a1", "u2", "a2b"], conversation.Messages.Select(static m => m.Id));
    }

    [Fact]
    public async Task Nested_ThousandsOfTurnsDeep_ImportsEveryMessage()
    {
        // Each reply sits in its parent's children: 3,000 messages nest 6,000 levels deep (written as text: JsonNode's own
        // writer stops at 1,000 levels).
        const int Count = 3_000;
        var json = new StringBuilder("{\"conversationId\":\"deep\",\"recursive\":true,\"messages\":[");
        for (var i = 0; i < Count; i++)
        {
            json.Append(System.Globalization.CultureInfo.InvariantCulture, $"{{\"messageId\":\"m{i}\",\"isCreatedByUser\":{(i % 2 == 0 ? "true" : "false")},\"text\":\"text {i}\",\"children\":[");
        }

        json.Append(']', 1).Append(string.Concat(Enumerable.Repeat("}]", Count - 1))).Append("}]}");

        var item = Assert.Single(await ReadStreamAsync(new MemoryStream(Encoding.UTF8.GetBytes(json.ToString()))));

        Assert.Null(item.Error);
        Assert.Equal(Enumerable.Range(0, Count).Select(static i => $"text {i}"), item.Conversation!.Messages.Select(static m => m.Content));
    }

    [Fact]
    public async Task Flat_DuplicateMessageIds_AreKeptUniqueWithAWarning()
    {
        JsonArray messages =
        [
            new JsonObject { ["messageId"] = "x", ["parentMessageId"] = Root, ["text"] = "one", ["isCreatedByUser"] = true, ["createdAt"] = "2025-03-01T10:00:00Z" },
            new JsonObject { ["messageId"] = "x", ["parentMessageId"] = Root, ["text"] = "two", ["isCreatedByUser"] = true, ["createdAt"] = "2025-03-01T10:01:00Z" },
            new JsonObject { ["messageId"] = "x", ["parentMessageId"] = Root, ["text"] = "three", ["isCreatedByUser"] = true, ["createdAt"] = "2025-03-01T10:02:00Z" },
        ];
        var export = new JsonObject { ["conversationId"] = "c", ["messages"] = messages };

        var item = Assert.Single(await ReadStreamAsync(new MemoryStream(Encoding.UTF8.GetBytes(export.ToJsonString())), new ImportOptions { AllBranches = true }));

        Assert.Equal([("x", "one"), ("x~2", "two"), ("x~3", "three")], item.Conversation!.Messages.Select(static m => (m.Id, m.Content)));
        Assert.Equal(2, item.Warnings.Count);
        Assert.Contains("Duplicate messageId \"x\"; this message is kept as \"x~2\"", item.Warnings[0], StringComparison.Ordinal);
        Assert.Contains("$.messages[1]", item.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fixture_RealLibreChatExport_HasNoWarnings()
    {
        var item = Assert.Single(await ReadAsync(Fixture("librechat-export.json")));

        Assert.Empty(item.Warnings);
    }
}
