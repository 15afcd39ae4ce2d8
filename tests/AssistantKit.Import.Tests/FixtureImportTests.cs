using AssistantKit.Import;
using AssistantKit.TestUtils;

namespace AssistantKit.Import.Tests;

/// <summary>Real export files from other products import with the right count, roles, order, text and times.</summary>
public sealed class FixtureImportTests
{
    internal static readonly IConversationReader Reader = ImporterFactory.Create();

    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    internal static async Task<List<ImportItem>> ReadAsync(string path, ImportOptions? options = null)
    {
        var items = new List<ImportItem>();
        await foreach (var item in Reader.ReadFilesAsync([path], options, TestContext.Current.CancellationToken))
        {
            items.Add(item);
        }

        return items;
    }

    [Fact]
    public async Task ChatGpt_ClassicExport_ReadsCurrentBranchWithToolsAndBrowsing()
    {
        var items = await ReadAsync(Fixture("chatgpt-export.json"));

        Assert.All(items, static i => Assert.Equal("chatgpt", i.Format));
        Assert.Equal(2, items.Count);
        var first = items[0].Conversation!;
        Assert.Equal("d6523d1e-7ec3-474f-a363-0e9dffdb3d93", first.Id);
        Assert.Equal("Conversation 1. Web Search", first.Title);
        Assert.Equal(
            [MessageRole.User, MessageRole.Assistant, MessageRole.Tool, MessageRole.Assistant, MessageRole.Tool, MessageRole.Tool, MessageRole.Assistant,
             MessageRole.User, MessageRole.Assistant, MessageRole.Tool, MessageRole.Assistant, MessageRole.Tool, MessageRole.Assistant,
             MessageRole.User, MessageRole.Assistant],
            first.Messages.Select(static m => m.Role));
        Assert.Equal("What is the fuel consumption of vw  transporter with 8 people in l/km", first.Messages[0].Content);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1704629915776).AddTicks(3710), first.Messages[0].CreatedAt);
        var search = Assert.IsType<CodePart>(Assert.Single(first.Messages[1].Parts));
        Assert.StartsWith("search(\"Volkswagen Transporter fuel consumption", search.Code, StringComparison.Ordinal);
        Assert.Equal("browser", first.Messages[1].Metadata["chatgpt.recipient"].GetString());
        Assert.StartsWith("# 【0†Volkswagen Transporter MPG", first.Messages[2].Content, StringComparison.Ordinal);
        Assert.Contains("URL: https://www.ultimatespecs.com", first.Messages[4].Content, StringComparison.Ordinal);
        Assert.Equal("Is it for fully loaded    car?", first.Messages[13].Content);
        Assert.True(first.Messages.Zip(first.Messages.Skip(1)).All(static p => p.First.CreatedAt <= p.Second.CreatedAt));

        var second = items[1].Conversation!;
        Assert.Equal([MessageRole.User, MessageRole.Assistant, MessageRole.User, MessageRole.Assistant], second.Messages.Select(static m => m.Role));
        Assert.StartsWith("Certainly! Here's the same logic written in the C# programming language:", second.Messages[3].Content, StringComparison.Ordinal);
        Assert.Equal("give me code in C#", second.Messages[2].Content);
    }

    [Fact]
    public async Task ChatGpt_ModernExport_SkipsHiddenContextAndReportsTheCorruptEntry()
    {
        var items = await ReadAsync(Fixture("chatgpt-modern-export.json"));

        Assert.Equal(3, items.Count);
        var deploy = items[0].Conversation!;
        Assert.Equal("Deploying the staging cluster", deploy.Title);
        Assert.Equal(["How do I roll back the deploy?", "Run `helm rollback staging`.", "And if that fails?", "Restore from the last known-good chart."], deploy.Messages.Select(static m => m.Content));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1756000001), deploy.Messages[0].CreatedAt);
        Assert.Equal("gpt-5-thinking", deploy.DefaultModel);

        Assert.False(items[1].Succeeded);
        Assert.Equal(1, items[1].Error!.ConversationIndex);
        Assert.Equal("$[1].mapping", items[1].Error!.JsonPath);
        Assert.Contains("chatgpt-modern-export.json", items[1].Error!.Message, StringComparison.Ordinal);

        Assert.Equal(["Something with anchovies?", "Puttanesca."], items[2].Conversation!.Messages.Select(static m => m.Content));
    }

    [Fact]
    public async Task LibreChat_RecursiveTree_ReadsInOrder()
    {
        var items = await ReadAsync(Fixture("librechat-export.json"));

        var conversation = Assert.Single(items).Conversation!;
        Assert.Equal("librechat", items[0].Format);
        Assert.Equal("af1ea676-f525-444f-a9ed-7c8dbf062733", conversation.Id);
        Assert.Equal("Conversation 1. Web Search", conversation.Title);
        Assert.Equal(6, conversation.Messages.Count);
        Assert.Equal([MessageRole.User, MessageRole.Assistant, MessageRole.User, MessageRole.Assistant, MessageRole.User, MessageRole.Assistant], conversation.Messages.Select(static m => m.Role));
        Assert.Equal("What about 10 year old model", conversation.Messages[2].Content);
        Assert.Equal("GPT-3.5", conversation.Messages[1].AuthorName);
        Assert.Equal(new DateTimeOffset(2024, 4, 9, 14, 32, 5, 230, TimeSpan.Zero), conversation.Messages[0].CreatedAt);
        Assert.Null(conversation.Messages[0].ParentId);
        Assert.Equal(conversation.Messages[0].Id, conversation.Messages[1].ParentId);
        Assert.Equal("gpt-3.5-turbo", conversation.DefaultModel);
    }

    [Fact]
    public async Task OpenWebUi_ReasoningAndToolCalls_BecomeParts()
    {
        var items = await ReadAsync(Fixture("openwebui-export.json"));

        Assert.Equal(["Chat with reasoning", "Chat with tool call", "Simple linear chat"], items.Select(static i => i.Conversation!.Title));
        var reasoning = items[0].Conversation!.Messages;
        Assert.Equal("What is 15 * 17?", reasoning[0].Content);
        Assert.Equal("255", reasoning[1].Content);
        Assert.Equal("15 * 17 = 15 * 10 + 15 * 7 = 150 + 105 = 255", Assert.IsType<ReasoningPart>(Assert.Single(reasoning[1].Parts)).Text);
        Assert.Equal("deepseek-r1", reasoning[1].Model);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000010), reasoning[1].CreatedAt);

        var tool = items[1].Conversation!.Messages[1];
        Assert.Equal("The weather in Paris is 18C with rain.", tool.Content);
        var call = Assert.IsType<ToolCallPart>(tool.Parts[0]);
        Assert.Equal(("call_1", "get_weather", "{\"city\":\"Paris\"}"), (call.CallId, call.Name, call.Arguments));
        Assert.Equal("Paris: 18C, rain", Assert.IsType<ToolResultPart>(tool.Parts[1]).Result);

        Assert.Equal(["Hello", "Hi there!"], items[2].Conversation!.Messages.Select(static m => m.Content));
    }

    [Fact]
    public async Task ChatbotUi_History_EachEntryIsAConversation()
    {
        var items = await ReadAsync(Fixture("chatbotui-export.json"));

        Assert.Equal(2, items.Count);
        var first = items[0].Conversation!;
        Assert.Equal("Hello what are you able to do?", first.Title);
        Assert.Equal([MessageRole.System, MessageRole.User, MessageRole.Assistant, MessageRole.User, MessageRole.Assistant], first.Messages.Select(static m => m.Role));
        Assert.Equal("gpt-4-1106-preview", first.DefaultModel);
    }

    [Fact]
    public async Task Fixtures_ExportedAndReimported_KeepTheirMessages()
    {
        var exporter = ExporterFactory.Create();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json"))
        {
            foreach (var item in (await ReadAsync(file)).Where(static i => i.Succeeded))
            {
                using var stream = new MemoryStream();
                await exporter.ExportAsync(item.Conversation!, new Export.ExportOptions { IncludeMetadata = true, IncludeUserInfo = true }, stream, TestContext.Current.CancellationToken);
                stream.Position = 0;
                var again = Assert.Single(await ReadStreamAsync(stream));

                Assert.Equal("assistantkit", again.Format);
                Assert.True(ConversationAssert.StructurallyEqual(item.Conversation!, again.Conversation!), file);
            }
        }
    }

    internal static async Task<List<ImportItem>> ReadStreamAsync(Stream stream, ImportOptions? options = null, string? fileName = null)
    {
        var items = new List<ImportItem>();
        await foreach (var item in Reader.ReadAsync(stream, fileName, options, TestContext.Current.CancellationToken))
        {
            items.Add(item);
        }

        return items;
    }
}
