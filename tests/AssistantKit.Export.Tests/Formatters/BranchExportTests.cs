using System.Text.Json;
using Markdig;
using Markdig.Syntax;
using static AssistantKit.Export.Tests.ExportTestHelpers;

namespace AssistantKit.Export.Tests.Formatters;

/// <summary>
/// Branched conversations: documents show the branch that ends with the last message (and, when asked, the other versions
/// folded after the message they replace); data formats keep the whole tree.
/// </summary>
public sealed class BranchExportTests
{
    /// <summary>
    /// u1 → a1 → u2 → a2 (the first answer and its follow-up), and u1 → a1b → u3 (a regenerated answer, newer: shown).
    /// A system prompt without a parent comes first.
    /// </summary>
    private static readonly Conversation Branched = new()
    {
        Id = "b",
        Title = "Branched",
        Messages =
        [
            Message("sys", MessageRole.System, "Be brief."),
            Message("u1", MessageRole.User, "Question one", 1),
            Message("a1", MessageRole.Assistant, "First answer", 2) with { ParentId = "u1" },
            Message("u2", MessageRole.User, "Follow-up on the first answer", 3) with { ParentId = "a1" },
            Message("a2", MessageRole.Assistant, "Answer to the follow-up", 4) with { ParentId = "u2" },
            Message("a1b", MessageRole.Assistant, "Regenerated answer", 5) with { ParentId = "u1" },
            Message("u3", MessageRole.User, "Thanks for the second one", 6) with { ParentId = "a1b" },
        ],
    };

    private static readonly string[] Hidden = ["First answer", "Follow-up on the first answer", "Answer to the follow-up"];

    private static readonly string[] Shown = ["Be brief.", "Question one", "Regenerated answer", "Thanks for the second one"];

    [Theory]
    [InlineData("html")]
    [InlineData("markdown")]
    [InlineData("txt")]
    public async Task Documents_ShowTheBranchEndingWithTheLastMessage(string format)
    {
        var (text, result) = await ExportToStringAsync(Branched, new ExportOptions { Format = format });

        Assert.All(Shown, s => Assert.Contains(s, text, StringComparison.Ordinal));
        Assert.All(Hidden, s => Assert.DoesNotContain(s, text, StringComparison.Ordinal));
        Assert.Equal(4, result.MessagesWritten);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("csv")]
    public async Task DataFormats_KeepTheWholeTree(string format)
    {
        var (text, result) = await ExportToStringAsync(Branched, new ExportOptions { Format = format });

        Assert.All(Shown.Concat(Hidden), s => Assert.Contains(s, text, StringComparison.Ordinal));
        Assert.Equal(7, result.MessagesWritten);
    }

    [Fact]
    public async Task Html_WithAlternatives_FoldsTheOtherVersionAfterTheMessageItReplaces()
    {
        var (html, _) = await ExportToStringAsync(Branched, new ExportOptions { Format = "html", IncludeAlternatives = true });

        var regenerated = html.IndexOf("Regenerated answer", StringComparison.Ordinal);
        var details = html.IndexOf("<details class=\"alternatives\">\n<summary>Other versions of this message (1)</summary>", StringComparison.Ordinal);
        var thanks = html.IndexOf("Thanks for the second one", StringComparison.Ordinal);
        Assert.True(regenerated < details && details < thanks, "the other version folds between the shown answer and the next message");
        var folded = html[details..html.IndexOf("</details>", details, StringComparison.Ordinal)];
        Assert.All(Hidden, s => Assert.Contains(s, folded, StringComparison.Ordinal));
        Assert.True(folded.IndexOf("First answer", StringComparison.Ordinal) < folded.IndexOf("Answer to the follow-up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Markdown_WithAlternatives_IsADetailsBlockAroundTheOtherVersion()
    {
        var (markdown, _) = await ExportToStringAsync(Branched, new ExportOptions { Format = "markdown", IncludeAlternatives = true, Culture = "de" });

        var blocks = Markdown.Parse(markdown).ToList();
        var open = blocks.FindIndex(static b => b is HtmlBlock h && h.Lines.ToString().StartsWith("<details>", StringComparison.Ordinal));
        var close = blocks.FindIndex(static b => b is HtmlBlock h && h.Lines.ToString().StartsWith("</details>", StringComparison.Ordinal));
        Assert.True(open >= 0 && close > open);
        Assert.Contains("Andere Fassungen dieser Nachricht (1)", ((HtmlBlock)blocks[open]).Lines.ToString(), StringComparison.Ordinal);
        var inside = markdown[markdown.IndexOf("<details>", StringComparison.Ordinal)..markdown.IndexOf("</details>", StringComparison.Ordinal)];
        Assert.All(Hidden, s => Assert.Contains(s, inside, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Alternatives_FollowTheMessageFilter()
    {
        var (html, _) = await ExportToStringAsync(Branched, new ExportOptions { Format = "html", IncludeAlternatives = true, MessageFilter = MessageFilter.Assistant });

        var folded = html[html.IndexOf("<details", StringComparison.Ordinal)..];
        Assert.Contains("First answer", folded, StringComparison.Ordinal);
        Assert.Contains("Answer to the follow-up", folded, StringComparison.Ordinal);
        Assert.DoesNotContain("Follow-up on the first answer", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Question one", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALinearConversation_IsUnchanged()
    {
        var linear = Branched with { Messages = Branched.Messages.Take(5).ToArray() };

        var (html, result) = await ExportToStringAsync(linear, new ExportOptions { Format = "html", IncludeAlternatives = true });

        Assert.Equal(5, result.MessagesWritten);
        Assert.DoesNotContain("<details", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_KeepsParentLinks()
    {
        var (json, _) = await ExportToStringAsync(Branched, new ExportOptions());

        var parents = JsonDocument.Parse(json).RootElement.GetProperty("messages").EnumerateArray()
            .ToDictionary(static m => m.GetProperty("id").GetString()!, static m => m.TryGetProperty("parentId", out var p) ? p.GetString() : null);
        Assert.Equal("u1", parents["a1b"]);
        Assert.Equal("u2", parents["a2"]);
    }
}
