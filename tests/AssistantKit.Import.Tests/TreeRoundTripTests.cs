using System.Text;
using System.Text.Json.Nodes;
using AssistantKit.Export;
using AssistantKit.TestUtils;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static AssistantKit.Import.Tests.FixtureImportTests;

namespace AssistantKit.Import.Tests;

/// <summary>
/// Generated message trees in every tree-shaped format: all branches are imported with their parent links, and import →
/// AssistantKit JSON → import gives the same model.
/// </summary>
public sealed class TreeRoundTripTests
{
    /// <summary>A tree: node i (i ≥ 1) answers node <c>Parents[i - 1]</c>, which comes before it; texts from the shared generators.</summary>
    public sealed record Tree(int[] Parents, string[] Texts, int ShownDraw)
    {
        /// <summary>Gets the leaf the source shows (current_node, currentId, current_leaf_message_uuid, the newest).</summary>
        public int Shown => Enumerable.Range(0, Texts.Length).Where(n => !Parents.Contains(n)).ElementAt(ShownDraw % Enumerable.Range(0, Texts.Length).Count(n => !Parents.Contains(n)));

        public override string ToString() => $"parents [{string.Join(", ", Parents)}], shown leaf {Shown}";
    }

    public static class Trees
    {
        public static Arbitrary<Tree> Tree() =>
            (from size in Gen.Choose(1, 40)
             from draws in Gen.ArrayOf(Gen.Choose(0, int.MaxValue), size - 1)
             from texts in Gen.ArrayOf(ConversationArbitraries.Text, size)
             from shown in Gen.Choose(0, int.MaxValue)
             select new Tree([.. draws.Select(static (draw, i) => draw % (i + 1))], texts, shown)).ToArbitrary();
    }

    private static readonly IConversationExporter Exporter = ExporterFactory.Create();

    private static string Id(int node) => $"10000000-0000-4000-8000-{node:D12}";

    private static string? ParentId(Tree tree, int node) => node == 0 ? null : Id(tree.Parents[node - 1]);

    private static string ChatGpt(Tree tree)
    {
        var mapping = new JsonObject();
        for (var i = 0; i < tree.Texts.Length; i++)
        {
            mapping[Id(i)] = new JsonObject
            {
                ["id"] = Id(i),
                ["parent"] = ParentId(tree, i),
                ["children"] = new JsonArray([.. Enumerable.Range(1, tree.Parents.Length).Where(c => tree.Parents[c - 1] == i).Select(c => (JsonNode)Id(c))]),
                ["message"] = new JsonObject
                {
                    ["id"] = Id(i),
                    ["author"] = new JsonObject { ["role"] = i % 2 == 0 ? "user" : "tool" },
                    ["create_time"] = 1_700_000_000 + i,
                    ["content"] = new JsonObject { ["content_type"] = "text", ["parts"] = new JsonArray(tree.Texts[i]) },
                },
            };
        }

        return new JsonArray(new JsonObject { ["id"] = "c", ["title"] = "T", ["current_node"] = Id(tree.Shown), ["mapping"] = mapping }).ToJsonString();
    }

    private static string LibreChatNested(Tree tree)
    {
        var nodes = tree.Texts.Select((text, i) => new JsonObject
        {
            ["messageId"] = Id(i),
            ["isCreatedByUser"] = i % 2 == 0,
            ["text"] = text,
            ["createdAt"] = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + (i == tree.Shown ? 100_000 : i)).ToString("O"), // LibreChat shows the newest
            ["children"] = new JsonArray(),
        }).ToArray();
        for (var i = 1; i < nodes.Length; i++)
        {
            nodes[tree.Parents[i - 1]]["children"]!.AsArray().Add(nodes[i]);
        }

        return new JsonObject { ["conversationId"] = "c", ["title"] = "T", ["recursive"] = true, ["messages"] = new JsonArray(nodes[0]) }.ToJsonString();
    }

    private static string Claude(Tree tree) => new JsonArray(new JsonObject
    {
        ["uuid"] = "c",
        ["name"] = "T",
        ["current_leaf_message_uuid"] = Id(tree.Shown),
        ["chat_messages"] = new JsonArray([.. tree.Texts.Select((text, i) => (JsonNode)new JsonObject
        {
            ["uuid"] = Id(i),
            ["parent_message_uuid"] = ParentId(tree, i) ?? "00000000-0000-4000-8000-000000000000",
            ["sender"] = i % 2 == 0 ? "human" : "assistant",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
            ["created_at"] = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + i).ToString("O"),
        })]),
    }).ToJsonString();

    private static string OpenWebUi(Tree tree) => new JsonArray(new JsonObject
    {
        ["id"] = "c",
        ["user_id"] = "u",
        ["chat"] = new JsonObject
        {
            ["history"] = new JsonObject
            {
                ["currentId"] = Id(tree.Shown),
                ["messages"] = new JsonObject(tree.Texts.Select((text, i) => KeyValuePair.Create(Id(i), (JsonNode?)new JsonObject
                {
                    ["id"] = Id(i),
                    ["parentId"] = ParentId(tree, i),
                    ["role"] = i % 2 == 0 ? "user" : "assistant",
                    ["content"] = text,
                    ["timestamp"] = 1_700_000_000 + i,
                }))),
            },
        },
    }).ToJsonString();

    [Property(Arbitrary = [typeof(Trees)], MaxTest = 60)]
    public async Task<bool> EveryFormat_KeepsTheWholeTree_AndRoundTripsThroughAssistantKitJson(Tree tree)
    {
        foreach (var (format, json) in new[] { ("chatgpt", ChatGpt(tree)), ("librechat", LibreChatNested(tree)), ("claude", Claude(tree)), ("openwebui", OpenWebUi(tree)) })
        {
            var imported = Assert.Single(await ReadStreamAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), new ImportOptions { AllBranches = true }));
            Assert.True(imported.Succeeded, $"{format}: {imported.Error?.Message}");
            Assert.Equal(format, imported.Format);
            var conversation = imported.Conversation!;

            // Every node, under its own parent, with its own text.
            Assert.Equal(tree.Texts.Length, conversation.Messages.Count);
            var byId = conversation.Messages.ToDictionary(static m => m.Id);
            for (var i = 0; i < tree.Texts.Length; i++)
            {
                Assert.True(ParentId(tree, i) == byId[Id(i)].ParentId, $"{format}: parent of node {i}");
                Assert.True(tree.Texts[i] == byId[Id(i)].Content, $"{format}: text of node {i}: \"{tree.Texts[i]}\" became \"{byId[Id(i)].Content}\"");
            }

            // The shown branch ends with the last message, and a document of the whole tree shows what the source shows.
            Assert.True(conversation.Messages[^1].Id == Id(tree.Shown), $"{format}: the last message is the shown leaf");
            var shown = Assert.Single(await ReadStreamAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)))).Conversation!;
            Assert.True(await TextOf(conversation) == await TextOf(shown), $"{format}: the document of every branch shows the shown branch");

            using var exported = new MemoryStream();
            await Exporter.ExportAsync(conversation, new ExportOptions { IncludeMetadata = true }, exported, TestContext.Current.CancellationToken);
            exported.Position = 0;
            var again = Assert.Single(await ReadStreamAsync(exported));
            Assert.Equal("assistantkit", again.Format);
            Assert.True(ConversationAssert.StructurallyEqual(conversation, again.Conversation!), format);
        }

        return true;
    }

    private static async Task<string> TextOf(Conversation conversation)
    {
        using var text = new MemoryStream();
        await Exporter.ExportAsync(conversation, new ExportOptions { Format = "txt" }, text, TestContext.Current.CancellationToken);
        return string.Join('\n', Encoding.UTF8.GetString(text.ToArray()).Split('\n').Where(static l => !l.StartsWith("Exported: ", StringComparison.Ordinal)));
    }
}
