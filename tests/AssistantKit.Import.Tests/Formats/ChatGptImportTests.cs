using System.Text;
using System.Text.Json.Nodes;
using static AssistantKit.Import.Tests.FixtureImportTests;

namespace AssistantKit.Import.Tests.Formats;

/// <summary>ChatGPT mappings with the defects real exports have: nothing the source shows is dropped silently.</summary>
public sealed class ChatGptImportTests
{
    private static string Node(string id, string? parent, string[] children, string? role, string? text)
    {
        var node = new JsonObject
        {
            ["id"] = id,
            ["parent"] = parent,
            ["children"] = new JsonArray([.. children.Select(static c => (JsonNode)c)]),
            ["message"] = role is null ? null : new JsonObject
            {
                ["id"] = id,
                ["author"] = new JsonObject { ["role"] = role },
                ["create_time"] = 1700000000,
                ["content"] = new JsonObject { ["content_type"] = "text", ["parts"] = new JsonArray(text) },
            },
        };
        return $"\"{id}\": {node.ToJsonString()}";
    }

    private static Task<List<ImportItem>> Read(string mapping, string currentNode) =>
        ReadStreamAsync(new MemoryStream(Encoding.UTF8.GetBytes("[{\"id\": \"c1\", \"title\": \"T\", \"create_time\": 1700000000, \"current_node\": \"" + currentNode + "\", \"mapping\": {" + mapping + "}}]")));

    [Fact]
    public async Task CurrentNodeAtTheRoot_ImportsTheNewestBranchWithAWarning()
    {
        var mapping = string.Join(",", Node("root", null, ["u1"], null, null), Node("u1", "root", ["a1"], "user", "Hello"), Node("a1", "u1", [], "assistant", "Hi there"));

        var item = Assert.Single(await Read(mapping, currentNode: "root"));

        Assert.Equal(["Hello", "Hi there"], item.Conversation!.Messages.Select(static m => m.Content));
        Assert.Contains(item.Warnings, static w => w.Contains("current_node leads to no message", StringComparison.Ordinal) && w.Contains("$[0].current_node", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CorruptNodeInTheBranch_LosesOnlyItself_KeepsItsAncestorsWithAWarning()
    {
        var mapping = string.Join(",",
            Node("root", null, ["u1"], null, null),
            Node("u1", "root", ["bad"], "user", "Question"),
            "\"bad\": 5",
            Node("a1", "bad", [], "assistant", "Answer"));

        var item = Assert.Single(await Read(mapping, currentNode: "a1"));

        Assert.Equal(["Question", "Answer"], item.Conversation!.Messages.Select(static m => m.Content));
        Assert.Contains(item.Warnings, static w => w.Contains("\"bad\" is a Number", StringComparison.Ordinal) && w.Contains("$[0].mapping.bad", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fixtures_RealChatGptExports_HaveNoWarnings()
    {
        foreach (var file in new[] { "chatgpt-export.json", "chatgpt-modern-export.json" })
        {
            Assert.All(await ReadAsync(Fixture(file)), static item => Assert.Empty(item.Warnings));
        }
    }
}
