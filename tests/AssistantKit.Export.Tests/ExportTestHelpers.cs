using System.Text;
using AssistantKit.Export;
using AssistantKit.TestUtils;

namespace AssistantKit.Export.Tests;

internal static class ExportTestHelpers
{
    public static readonly IConversationExporter Exporter = ExporterFactory.Create();

    public static async Task<(string Text, ExportResult Result)> ExportToStringAsync(Conversation conversation, ExportOptions options)
    {
        using var stream = new MemoryStream();
        var result = await Exporter.ExportAsync(conversation, options, stream, TestContext.Current.CancellationToken);
        Assert.Equal(stream.Length, result.BytesWritten);
        return (Encoding.UTF8.GetString(stream.ToArray()), result);
    }

    public static ConversationMessage Message(string id, MessageRole role, string content, int minute = 0) => new()
    {
        Id = id,
        Role = role,
        Content = content,
        CreatedAt = new DateTimeOffset(2025, 1, 1, 10, minute, 0, TimeSpan.Zero),
    };

    /// <summary>Bodies that try to break out of their message in every format.</summary>
    public static readonly string[] HostileBodies =
    [
        "```\nunclosed fence swallowing everything",
        "~~~\nunclosed tilde fence",
        "# Heading one\n## Heading two\n---\nafter a break",
        "Setext heading\n===",
        "<div>\nraw html block\n\n<script>alert('x')</script>",
        "<!-- unclosed comment",
        "<pre>\nunclosed pre",
        "> nested quote\n> > deeper\n\n    indented code",
        "[x]: javascript:alert(1)\n[click](javascript:alert(1)) <javascript:alert(2)> ![img](https://evil.example/track.png)",
        "1. list\n2. items\n   ```\n   fence in list",
        "line with trailing backslash \\\nnext",
        "| a | b |\n|---|---|\n| `|` | \\| |",
    ];
}
