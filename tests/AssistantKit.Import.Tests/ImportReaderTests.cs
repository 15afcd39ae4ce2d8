using System.Text;
using AssistantKit.AI;
using AssistantKit.Import;
using Microsoft.Extensions.AI;
using static AssistantKit.Import.Tests.FixtureImportTests;

namespace AssistantKit.Import.Tests;

public sealed class ImportReaderTests
{
    private static Task<List<ImportItem>> ReadAsync(string json, ImportOptions? options = null, string fileName = "input.json") =>
        ReadStreamAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), options, fileName);

    [Fact]
    public async Task OpenAi_MessagesWithToolCalls_MapToParts()
    {
        var items = await ReadAsync("""
            [
              {"role": "developer", "content": "Be brief."},
              {"role": "user", "content": [{"type": "text", "text": "Weather?"}, {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}]},
              {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "weather", "arguments": "{\"city\": \"Paris\""}}]},
              {"role": "tool", "tool_call_id": "c1", "content": "18C"},
              {"role": "assistant", "content": "18 degrees."}
            ]
            """, fileName: "chat.json");

        var conversation = Assert.Single(items).Conversation!;
        Assert.Equal("openai", items[0].Format);
        Assert.Equal("chat-1", conversation.Id);
        Assert.Equal([MessageRole.System, MessageRole.User, MessageRole.Assistant, MessageRole.Tool, MessageRole.Assistant], conversation.Messages.Select(static m => m.Role));
        Assert.Equal("developer", conversation.Messages[0].Metadata["openai.role"].GetString());
        Assert.Equal("Weather?", conversation.Messages[1].Content);
        Assert.Equal("https://example.com/a.png", Assert.IsType<AttachmentPart>(conversation.Messages[1].Parts[0]).Uri!.ToString());
        Assert.Equal("{\"city\": \"Paris\"", Assert.IsType<ToolCallPart>(conversation.Messages[2].Parts[0]).Arguments); // invalid JSON kept verbatim
        var result = Assert.IsType<ToolResultPart>(conversation.Messages[3].Parts[0]);
        Assert.Equal(("c1", "18C"), (result.CallId, result.Result));
    }

    [Fact]
    public async Task Anthropic_ContentBlocks_MapToParts()
    {
        var items = await ReadAsync("""
            {"model": "claude-sonnet", "max_tokens": 1024, "system": [{"type": "text", "text": "You are helpful."}],
             "messages": [
               {"role": "user", "content": [{"type": "text", "text": "Look"}, {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AQID"}}]},
               {"role": "assistant", "content": [{"type": "thinking", "thinking": "hmm", "signature": "x"}, {"type": "tool_use", "id": "t1", "name": "zoom", "input": {"level": 2}}]},
               {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t1", "content": [{"type": "text", "text": "zoomed"}], "is_error": true}]},
               {"role": "assistant", "content": "Done."}
             ]}
            """);

        var conversation = Assert.Single(items).Conversation!;
        Assert.Equal("anthropic", items[0].Format);
        Assert.Equal("claude-sonnet", conversation.DefaultModel);
        Assert.Equal([MessageRole.System, MessageRole.User, MessageRole.Assistant, MessageRole.Tool, MessageRole.Assistant], conversation.Messages.Select(static m => m.Role));
        Assert.Equal("You are helpful.", conversation.Messages[0].Content);
        Assert.Equal(new byte[] { 1, 2, 3 }, Assert.IsType<AttachmentPart>(conversation.Messages[1].Parts[0]).Data!.Value.ToArray());
        Assert.Equal("hmm", Assert.IsType<ReasoningPart>(conversation.Messages[2].Parts[0]).Text);
        Assert.Equal("{\"level\": 2}", Assert.IsType<ToolCallPart>(conversation.Messages[2].Parts[1]).Arguments);
        var result = Assert.IsType<ToolResultPart>(conversation.Messages[3].Parts[0]);
        Assert.True(result.IsError);
        Assert.Equal("zoomed", result.Result);
    }

    [Fact]
    public async Task MicrosoftExtensionsAi_ChatMessageJson_RoundTrips()
    {
        var chat = new[] { new ChatMessage(ChatRole.User, "Hi") { MessageId = "a" }, new ChatMessage(ChatRole.Assistant, [new TextReasoningContent("think"), new TextContent("Hello")]) { MessageId = "b" } };
        var json = System.Text.Json.JsonSerializer.Serialize(chat, AIJsonUtilities.DefaultOptions);

        var conversation = Assert.Single(await ReadAsync(json)).Conversation!;

        Assert.Equal(["a", "b"], conversation.Messages.Select(static m => m.Id));
        Assert.Equal("Hello", conversation.Messages[1].Content);
        Assert.Equal("think", Assert.IsType<ReasoningPart>(conversation.Messages[1].Parts[0]).Text);
        Assert.Equal(chat[1].Text, conversation.Messages[1].ToChatMessage().Text);
    }

    [Fact]
    public async Task ChatGpt_SplitFilesInADirectory_AreReadInOrder()
    {
        var directory = Directory.CreateTempSubdirectory("ak-split-").FullName;
        try
        {
            var conversations = await File.ReadAllTextAsync(Fixture("chatgpt-export.json"), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(directory, "conversations-001.json"), conversations, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(directory, "conversations-000.json"), await File.ReadAllTextAsync(Fixture("chatgpt-modern-export.json"), TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(directory, "user.json"), "{\"email\": \"x\"}", TestContext.Current.CancellationToken);

            var items = await FixtureImportTests.ReadAsync(directory);

            Assert.Equal(5, items.Count);
            Assert.Equal(["conversations-000.json", "conversations-000.json", "conversations-000.json", "conversations-001.json", "conversations-001.json"], items.Select(static i => i.FileName));
            Assert.Equal(4, items.Count(static i => i.Succeeded));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ChatGpt_CycleInParentLinks_Terminates()
    {
        var items = await ReadAsync("""
            [{"id": "c", "title": "loop", "current_node": "a", "mapping": {
              "a": {"id": "a", "parent": "b", "message": {"id": "a", "author": {"role": "user"}, "content": {"content_type": "text", "parts": ["A"]}}},
              "b": {"id": "b", "parent": "a", "message": {"id": "b", "author": {"role": "assistant"}, "content": {"content_type": "text", "parts": ["B"]}}}}}]
            """);

        Assert.Equal(["B", "A"], Assert.Single(items).Conversation!.Messages.Select(static m => m.Content));
    }

    [Fact]
    public async Task ChatGpt_MissingCurrentNodeAndUnknownContentType_StillRead()
    {
        var items = await ReadAsync("""
            [{"id": "c", "current_node": "gone", "mapping": {
              "r": {"id": "r", "parent": null, "message": null, "children": ["u"]},
              "u": {"id": "u", "parent": "r", "message": {"id": "u", "author": {"role": "user"}, "create_time": null, "content": {"content_type": "text", "parts": ["Hi"]}}},
              "x": {"id": "x", "parent": "u", "message": {"id": "x", "author": {"role": "assistant"}, "content": {"content_type": "hologram", "frames": [1, 2]}}}}}]
            """);

        var conversation = Assert.Single(items).Conversation!;
        Assert.Equal(["u", "x"], conversation.Messages.Select(static m => m.Id));
        Assert.Null(conversation.Messages[0].CreatedAt);
        Assert.Equal("hologram", conversation.Messages[1].Metadata["chatgpt.content"].GetProperty("content_type").GetString());
    }

    [Fact]
    public async Task ChatGpt_AllBranches_KeepsEveryBranchWithParents()
    {
        var json = """
            [{"id": "c", "current_node": "a2", "mapping": {
              "u": {"id": "u", "parent": null, "message": {"id": "u", "author": {"role": "user"}, "content": {"content_type": "text", "parts": ["Q"]}}},
              "a1": {"id": "a1", "parent": "u", "message": {"id": "a1", "author": {"role": "assistant"}, "content": {"content_type": "text", "parts": ["first try"]}}},
              "a2": {"id": "a2", "parent": "u", "message": {"id": "a2", "author": {"role": "assistant"}, "content": {"content_type": "text", "parts": ["second try"]}}}}}]
            """;

        var current = Assert.Single(await ReadAsync(json)).Conversation!;
        var all = Assert.Single(await ReadAsync(json, new ImportOptions { AllBranches = true })).Conversation!;

        Assert.Equal(["u", "a2"], current.Messages.Select(static m => m.Id));
        Assert.Equal(["u", "a1", "a2"], all.Messages.Select(static m => m.Id));
        Assert.All(all.Messages.Skip(1), static m => Assert.Equal("u", m.ParentId));
    }

    [Theory]
    [InlineData("[{\"id\": \"c\", \"mapping\": {}}, {\"id\": \"d\", \"mapping\": {", 1, "$[1]")]
    [InlineData("[{\"id\": \"c\", \"mapping\": {}} {\"id\": \"d\"}]", 1, "$[1]")]
    public async Task Read_TruncatedOrBrokenArray_KeepsTheGoodOnesAndReportsWhere(string json, int index, string path)
    {
        var items = await ReadAsync(json, fileName: "conversations.json");

        Assert.True(items[0].Succeeded);
        var error = items[^1].Error!;
        Assert.Equal(index, error.ConversationIndex);
        Assert.StartsWith(path, error.JsonPath, StringComparison.Ordinal);
        Assert.Equal("conversations.json", error.FileName);
        Assert.NotNull(error.LineNumber);
    }

    [Theory]
    [InlineData("hello, world", "not a JSON export")]
    [InlineData("", "not a JSON export")]
    [InlineData("{\"kind\": \"spreadsheet\", \"rows\": []}", "not a conversation export this version recognizes")]
    [InlineData("<html><body>nope</body></html>", "not a JSON export")]
    public async Task Read_FileOfAnotherFormat_GivesOneClearError(string content, string reason)
    {
        var item = Assert.Single(await ReadAsync(content, fileName: "thing.json"));

        Assert.False(item.Succeeded);
        Assert.Contains(reason, item.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("chatgpt", item.Error.Message, StringComparison.Ordinal); // lists what it can read
        Assert.Contains("thing.json", item.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_AbsurdNesting_IsRefusedNotFollowed()
    {
        var json = "[{\"id\": \"c\", \"mapping\": {}, \"deep\": " + new string('[', 5000) + new string(']', 5000) + "}]";

        var item = Assert.Single(await ReadAsync(json));

        Assert.False(item.Succeeded);
        Assert.Contains("depth", item.Error!.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Read_NullsAndWrongTypes_DoNotCrash()
    {
        var items = await ReadAsync("""
            [{"id": null, "title": 42, "create_time": "not a time", "current_node": null, "mapping": {
              "m": {"id": "m", "parent": null, "message": {"id": "m", "author": null, "content": {"content_type": "text", "parts": [null, "ok", {"x": 1}]}, "metadata": null}},
              "n": "not an object"}}]
            """, fileName: "odd.json");

        var conversation = Assert.Single(items).Conversation!;
        Assert.Equal("odd-1", conversation.Id);
        Assert.Equal("42", conversation.Title);
        Assert.Null(conversation.CreatedAt);
        Assert.Equal("ok", Assert.Single(conversation.Messages).Content);
    }

    [Fact]
    public async Task Read_ExplicitUnknownFormat_ListsValidFormats()
    {
        var item = Assert.Single(await ReadAsync("[]", new ImportOptions { Format = "myspace" }));

        Assert.Contains("Unknown import format 'myspace'", item.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("librechat", item.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_AssistantKitJsonWithBadRole_NamesThePath()
    {
        var item = Assert.Single(await ReadAsync("{\"schemaVersion\": 1, \"id\": \"c\", \"messages\": [{\"id\": \"m\", \"role\": \"robot\"}]}"));

        Assert.Equal("$.messages[0].role", item.Error!.JsonPath);
    }
}

public sealed class ImportStreamingTests
{
    [Fact]
    public async Task Read_LargeGeneratedExportTruncated_KeepsEveryCompleteConversation()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ak-gen-{Guid.NewGuid():N}.json");
        try
        {
            AssistantKit.TestUtils.ChatGptExportGenerator.Write(path, conversations: 120, messages: 20);
            var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
            var whole = await FixtureImportTests.ReadStreamAsync(new MemoryStream(bytes), fileName: "conversations.json");
            var truncated = await FixtureImportTests.ReadStreamAsync(new MemoryStream(bytes[..(bytes.Length * 2 / 3)]), fileName: "conversations.json");

            Assert.Equal(120, whole.Count);
            Assert.All(whole, static i => Assert.Equal(20, i.Conversation!.Messages.Count));
            Assert.InRange(truncated.Count(static i => i.Succeeded), 78, 80);
            Assert.False(truncated[^1].Succeeded);
            Assert.Equal(truncated.Count - 1, truncated[^1].Error!.ConversationIndex);
            Assert.Equal(whole.Take(truncated.Count - 1).Select(static i => i.Conversation!.Id), truncated.SkipLast(1).Select(static i => i.Conversation!.Id));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
