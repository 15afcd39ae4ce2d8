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

    [Fact]
    public async Task OldCitations_BecomeLinksWithTitleAndUrl_AsLibreChatImportsThem()
    {
        var item = Assert.Single(await ReadAsync(Fixture("chatgpt-citations.json")));
        var answer = item.Conversation!.Messages.Single(static m => m.Role == MessageRole.Assistant);

        // LibreChat's importer test expects each 【n:m†source】 replaced by the cited page's title and URL.
        Assert.Contains("hybrid environments ([Signal Sciences - Crunchbase Company Profile & Funding](<https://www.crunchbase.com/organization/signal-sciences>)) " +
            "([Demand More from Your WAF - Signal Sciences now part of Fastly](<https://www.signalsciences.com/>)).", answer.Content, StringComparison.Ordinal);
        Assert.Contains("[Fastly Agrees to Acquire Signal Sciences for $775 Million - Cooley](<https://www.cooley.com/news/coverage/2020/2020-08-27-fastly-agrees-to-acquire-signal-sciences-for-775-million>)", answer.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("【", answer.Content, StringComparison.Ordinal);
        Assert.Equal(4, answer.Metadata["chatgpt.sources"].GetArrayLength());
        Assert.Empty(item.Warnings);

        // The search results the tool showed keep their own markers: they are the result's text, not citations.
        Assert.Contains("【0†Signal Sciences", item.Conversation.Messages.Single(static m => m.Role == MessageRole.Tool).Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentReferences_BecomeLinks_OrphanMarkersAreRemovedWithAWarning()
    {
        var item = Assert.Single(await ReadAsync(Fixture("chatgpt-search-export.json")));
        var answer = item.Conversation!.Messages.Single(static m => m.Role == MessageRole.Assistant);

        Assert.Equal(
            "The Eiffel Tower is 330 m tall ([Eiffel Tower - Wikipedia](<https://en.wikipedia.org/wiki/Eiffel_Tower>)). " +
            "It was finished in 1889 ([Eiffel Tower | History, Height, & Facts | Britannica](<https://www.britannica.com/topic/Eiffel-Tower-Paris-France>)). " +
            "A marker without a reference here.",
            answer.Content);
        Assert.DoesNotMatch("[\uE200-\uE2FF]", answer.Content);
        var sources = answer.Metadata["chatgpt.sources"].EnumerateArray().Select(static s => s.GetProperty("url").GetString()).ToList();
        Assert.Equal(["https://en.wikipedia.org/wiki/Eiffel_Tower", "https://www.britannica.com/topic/Eiffel-Tower-Paris-France"], sources);
        Assert.Single(item.Warnings, static w => w.Contains("1 citation marker(s) without a source were removed", StringComparison.Ordinal) && w.Contains("mapping.a1.message", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CitationTitles_CannotInjectMarkdown_UnsafeUrlsStayText()
    {
        var text = "Claim \uE200cite\uE202turn0search0\uE201 and \uE200cite\uE202turn0search1\uE201.";
        var refs = new JsonArray(
            new JsonObject { ["matched_text"] = "\uE200cite\uE202turn0search0\uE201", ["items"] = new JsonArray(new JsonObject { ["title"] = "x](javascript:alert(1))[", ["url"] = "https://ok.example/" }) },
            new JsonObject { ["matched_text"] = "\uE200cite\uE202turn0search1\uE201", ["items"] = new JsonArray(new JsonObject { ["title"] = "Evil", ["url"] = "javascript:alert(1)" }) });
        var mapping = Node("a1", null, [], "assistant", text).Replace("\"metadata\":null", "", StringComparison.Ordinal);
        var json = JsonNode.Parse("{" + mapping + "}")!;
        json["a1"]!["message"]!["metadata"] = new JsonObject { ["content_references"] = refs };

        var item = Assert.Single(await Read(json.ToJsonString()[1..^1], currentNode: "a1"));

        Assert.Equal("Claim ([x\\](javascript:alert(1))\\[](<https://ok.example/>)) and (Evil).", item.Conversation!.Messages[0].Content);
    }
}
