using System.Text;
using static AssistantKit.Import.Tests.FixtureImportTests;

namespace AssistantKit.Import.Tests.Formats;

/// <summary>Claude.ai data exports: detected from content, every block kind kept, the branch claude.ai shows.</summary>
public sealed class ClaudeAiImportTests
{
    [Fact]
    public async Task Export_IsDetected_TheShownBranchHasTextReasoningToolsAndAttachments()
    {
        var items = await ReadAsync(Fixture("claude-export.json"));

        Assert.Equal(["claude", "claude"], items.Select(static i => i.Format));
        Assert.All(items, static i => Assert.Empty(i.Warnings));
        var chat = items[0].Conversation!;
        Assert.Equal("Plotting monthly sales", chat.Title);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero), chat.CreatedAt);
        Assert.Equal(
            ["Here is my data file. Can you plot the monthly totals?", "Here is a script that plots the totals:\n\nMarch is the strongest month.", "Use a pie chart instead.", "Use `plt.pie([120, 95, 143], labels=['Jan', 'Feb', 'Mar'])`."],
            chat.Messages.Select(static m => m.Content));
        Assert.Equal([MessageRole.User, MessageRole.Assistant, MessageRole.User, MessageRole.Assistant], chat.Messages.Select(static m => m.Role));

        var attachments = chat.Messages[0].Parts.OfType<AttachmentPart>().ToList();
        Assert.Equal(["sales.csv", "chart-sketch.png"], attachments.Select(static a => a.Name));
        Assert.Equal("month,total\nJanuary,120\nFebruary,95\nMarch,143\n", Encoding.UTF8.GetString(attachments[0].Data!.Value.Span));
        Assert.Equal("text/plain", attachments[0].MediaType);
        Assert.Null(attachments[1].Data); // claude.ai exports do not hold uploaded files

        var answer = chat.Messages[1].Parts;
        Assert.Equal("The user wants a bar chart of three months. A small matplotlib script will do.", Assert.IsType<ReasoningPart>(answer[0]).Text);
        var call = Assert.IsType<ToolCallPart>(answer[1]);
        Assert.Equal("artifacts", call.Name);
        Assert.Contains("plt.bar(['Jan','Feb','Mar'], [120, 95, 143])", System.Text.Json.JsonDocument.Parse(call.Arguments!).RootElement.GetProperty("content").GetString(), StringComparison.Ordinal);
        var result = Assert.IsType<ToolResultPart>(answer[2]);
        Assert.Equal(call.CallId, result.CallId); // paired by tool name, as the export gives no ids
        Assert.Equal("OK", result.Result);
    }

    [Fact]
    public async Task AllBranches_KeepsTheEditedQuestionWithParentLinks()
    {
        var chat = (await ReadAsync(Fixture("claude-export.json"), new ImportOptions { AllBranches = true }))[0].Conversation!;

        Assert.Equal(6, chat.Messages.Count);
        var byId = chat.Messages.ToDictionary(static m => m.Id);
        Assert.Null(byId["11111111-0000-4000-8000-000000000001"].ParentId); // the all-zero root uuid is no parent
        Assert.Equal(["Use a line chart instead.", "Use a pie chart instead."],
            chat.Messages.Where(static m => m.ParentId == "11111111-0000-4000-8000-000000000002").Select(static m => m.Content));
    }

    [Fact]
    public async Task OlderExportWithTextOnly_IsAChainInOrder()
    {
        var chat = (await ReadAsync(Fixture("claude-export.json")))[1].Conversation!;

        Assert.Equal(["What is the capital of Australia?", "Canberra. Many people guess Sydney, the largest city."], chat.Messages.Select(static m => m.Content));
        Assert.Equal("22222222-0000-4000-8000-000000000001", chat.Messages[1].ParentId);
    }

    [Fact]
    public async Task ZipFromClaudeAi_ReadsConversationsJsonOnly()
    {
        var zip = Path.Combine(Path.GetTempPath(), $"claude-{Guid.NewGuid():N}.zip");
        try
        {
            using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
            {
                System.IO.Compression.ZipFileExtensions.CreateEntryFromFile(archive, Fixture("claude-export.json"), "conversations.json");
                using var users = new StreamWriter(archive.CreateEntry("users.json").Open());
                users.Write("[{\"uuid\": \"u1\", \"full_name\": \"A\", \"email_address\": \"a@example.com\"}]");
            }

            var items = await ReadAsync(zip);

            Assert.Equal(2, items.Count(static i => i.Succeeded));
            Assert.All(items, static i => Assert.Equal("claude", i.Format));
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Fact]
    public async Task UnknownBlockKinds_AreKeptInMetadata()
    {
        var json = "[{\"uuid\": \"c\", \"chat_messages\": [{\"uuid\": \"m\", \"sender\": \"assistant\", \"content\": [{\"type\": \"text\", \"text\": \"Hi\"}, {\"type\": \"voice_note\", \"title\": \"Memo\"}]}]}]";

        var message = Assert.Single(Assert.Single(await ReadStreamAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)))).Conversation!.Messages);

        Assert.Equal("Hi", message.Content);
        Assert.Equal("voice_note", message.Metadata["claude.content"][0].GetProperty("type").GetString());
    }
}
