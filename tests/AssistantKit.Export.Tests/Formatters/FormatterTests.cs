using System.Text;
using AssistantKit.TestUtils;
using CsvHelper;
using Markdig;
using Markdig.Syntax;
using static AssistantKit.Export.Tests.ExportTestHelpers;

namespace AssistantKit.Export.Tests.Formatters;

public sealed class FormatterTests
{
    private static Conversation Hostile() => new()
    {
        Id = "c<script>",
        Title = "<img src=x onerror=alert(1)> & \"title\"",
        Participants = [new Participant { Id = "u\"><script>alert(1)</script>", Name = "<b>Mallory</b>", Email = "m@x.org\"><svg onload=alert(1)>" }],
        Metadata = new Dictionary<string, System.Text.Json.JsonElement> { ["<key onmouseover=alert(1)>"] = System.Text.Json.JsonSerializer.SerializeToElement("</table><script>alert(1)</script>") },
        DefaultModel = "<script>alert('model')</script>",
        Messages = HostileBodies.Select((body, i) => Message($"m{i}", i % 2 == 0 ? MessageRole.User : MessageRole.Assistant, body, i) with
        {
            AuthorName = "<script>alert('author')</script>",
            Model = "\"><script>alert(1)</script>",
            Parts =
            [
                new CodePart { Language = "\"><script>alert(1)</script>", Code = "</code></pre><script>alert(1)</script>" },
                new AttachmentPart { Name = "<svg/onload=alert(1)>", Uri = new Uri("javascript:alert(1)") },
            ],
        }).ToArray(),
    };

    [Fact]
    public async Task Markdown_HostileBodies_EachStaysWholeInItsOwnSection()
    {
        var conversation = new Conversation { Id = "c", Title = "# not a heading", Messages = HostileBodies.Select((b, i) => Message($"m{i}", MessageRole.User, b, i)).ToArray() };

        var (markdown, _) = await ExportToStringAsync(conversation, new ExportOptions { Format = "markdown" });
        var document = Markdown.Parse(markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());

        var headings = document.OfType<HeadingBlock>().ToList();
        Assert.Single(headings, static h => h.Level == 1);
        var messageHeadings = headings.Where(static h => h.Level == 3).ToList();
        Assert.Equal(HostileBodies.Length, messageHeadings.Count);
        var quotes = document.OfType<QuoteBlock>().ToList();
        Assert.Equal(HostileBodies.Length, quotes.Count);
        for (var i = 0; i < HostileBodies.Length; i++)
        {
            var quote = quotes[i];
            Assert.Equal(document.IndexOf(messageHeadings[i]) + 1, document.IndexOf(quote));
            var source = markdown[quote.Span.Start..(quote.Span.End + 1)];
            var body = string.Join("\n", source.Split('\n').Select(static l => l.StartsWith("> ", StringComparison.Ordinal) ? l[2..] : l.TrimStart('>')));
            Assert.Equal(HostileBodies[i], body);
        }
    }

    [Fact]
    public async Task Markdown_FrontMatterAndLabels_InGerman()
    {
        var conversation = SampleConversations.Create(2);

        var (markdown, result) = await ExportToStringAsync(conversation, new ExportOptions { Format = "markdown", Culture = "de", IncludeMetadata = true, IncludeUserInfo = true, TimeZone = "Europe/Berlin" });

        Assert.StartsWith("---\ntitle: \"Planning the Q3 release — Grüße\"\n", markdown, StringComparison.Ordinal);
        Assert.Contains("### Benutzer · Ada Lovelace · 02.06.2025 11:30:00 UTC+02:00", markdown, StringComparison.Ordinal);
        Assert.Contains("### Assistent · Helper", markdown, StringComparison.Ordinal);
        Assert.Equal("Planning the Q3 release — Grüße 2025-06-02.md", result.FileName);
    }

    [Fact]
    public async Task Csv_ParsedBackByCsvReader_RoundTripsEveryCell()
    {
        string[] contents = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+2", "-5", "-3.5e2", "@SUM(A1)", "\tTab", "\rCR", "multi\nline \"quoted\", comma", "plain", "-", "Grüße 你好"];
        var conversation = new Conversation { Id = "c1", Title = "=cmd|' /C calc'!A0", Messages = contents.Select((c, i) => Message($"m{i}", MessageRole.User, c, i)).ToArray() };

        var (csv, _) = await ExportToStringAsync(conversation, new ExportOptions { Format = "csv" });

        await using var reader = CsvReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(csv)), new CsvReaderOptions { HasHeader = true }, leaveOpen: false);
        var rows = new List<string[]>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        Assert.Equal(contents.Length, rows.Count);
        Assert.All(rows, static r => Assert.Equal(13, r.Length));
        for (var i = 0; i < contents.Length; i++)
        {
            var cell = rows[i][7];
            var dangerous = contents[i][0] is '=' or '+' or '@' or '\t' or '\r' || (contents[i][0] == '-' && !double.TryParse(contents[i], System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.Equal(dangerous ? "'" + contents[i] : contents[i], cell);
            Assert.Equal("'=cmd|' /C calc'!A0", rows[i][1]);
            Assert.Equal("user", rows[i][4]);
            Assert.Matches(@"^2025-01-01T10:\d\d:00\+00:00$", rows[i][6]);
        }
    }

    [Fact]
    public async Task Csv_SeparatorAndBom_ForSpreadsheets()
    {
        using var stream = new MemoryStream();
        await Exporter.ExportAsync(SampleConversations.Create(2), new ExportOptions { Format = "csv", CsvSeparator = ';', WriteByteOrderMark = true, IncludeMetadata = true }, stream, TestContext.Current.CancellationToken);

        var bytes = stream.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var header = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n")[0];
        Assert.Equal("conversation_id;conversation_title;message_id;parent_id;role;author;timestamp;content;parts;model;input_tokens;output_tokens;total_tokens", header);
    }

    [Fact]
    public async Task Html_XssInEveryField_NeverBecomesMarkup()
    {
        var (html, _) = await ExportToStringAsync(Hostile(), new ExportOptions { Format = "html", IncludeMetadata = true, IncludeUserInfo = true });

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(?i)(href|src)\\s*=\\s*\"?\\s*javascript:", html);
        Assert.DoesNotMatch("(?i)<[^>]+\\son\\w+\\s*=", html); // no event handler attribute on any tag
        Assert.DoesNotContain("src=\"https://evil", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://evil.example/track.png\"", html, StringComparison.Ordinal); // the image became a link
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        Assert.Equal(HostileBodies.Length, CountOccurrences(html, "<article class="));
    }

    [Fact]
    public async Task Html_MarkdownBodies_AreRendered()
    {
        var conversation = new Conversation { Id = "c", Messages = [Message("m", MessageRole.Assistant, "**bold** and [docs](https://example.com)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```js\nx()\n```")] };

        var (html, _) = await ExportToStringAsync(conversation, new ExportOptions { Format = "html" });

        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.com\" rel=\"nofollow noopener noreferrer\">docs</a>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("<code class=\"language-js\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_MarkdownRenderedAsPlainText()
    {
        var conversation = new Conversation
        {
            Id = "c",
            Title = "Notes",
            Messages = [Message("m", MessageRole.Assistant, "**Bold** text with a [link](https://example.com).\r\n\r\n- one\n- two\n\n```\ncode line\n```")],
        };

        var (text, _) = await ExportToStringAsync(conversation, new ExportOptions { Format = "txt" });

        Assert.Contains("[Assistant · 1/1/2025 10:00:00\u202FAM UTC+00:00]\nBold text with a link <https://example.com>.\n\n- one\n- two\n\n    code line\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.DoesNotContain("**", text, StringComparison.Ordinal);
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
