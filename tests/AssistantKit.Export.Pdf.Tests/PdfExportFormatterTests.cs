using System.Globalization;
using System.Text;
using AssistantKit.Export;
using AssistantKit.Export.Pdf;
using AssistantKit.Export.Text;
using AssistantKit.TestUtils;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Outline;

namespace AssistantKit.Export.Pdf.Tests;

public sealed class PdfExportFormatterTests
{
    // TrueType outlines: embedded as a CID font whose text PdfPig reads. (CFF fonts such as Noto Sans CJK draw fine too,
    // but Skia embeds them as Type 3 fonts, whose text only some readers extract.)
    private const string CjkFont = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<(byte[] Pdf, ExportResult Result)> ExportAsync(Conversation conversation, ExportOptions? options = null, Action<PdfExportOptions>? pdf = null)
    {
        var exporter = ExporterFactory.Create(b => b.AddPdfExport(pdf ?? (_ => { })));
        using var output = new MemoryStream();
        var result = await exporter.ExportAsync(conversation, (options ?? new ExportOptions()) with { Format = "pdf" }, output, Token);
        return (output.ToArray(), result);
    }

    private static Conversation Conversation(params string[] bodies) => SampleConversations.Header() with
    {
        Messages = [.. bodies.Select((body, i) => new ConversationMessage
        {
            Id = $"m{i}",
            Role = i % 2 == 0 ? MessageRole.User : MessageRole.Assistant,
            Content = body,
            CreatedAt = new DateTimeOffset(2025, 6, 2, 9, 30, i, TimeSpan.Zero),
        })],
    };

    // Shaping sets "fi" as the ligature glyph, which PdfPig reads as U+FB01 (it ignores the ActualText that says "fi"):
    // compatibility normalization turns presentation forms back into letters.
    private static string Squash(string text) => new([.. text.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c))]);

    private static string AllText(PdfDocument document) => string.Concat(document.GetPages().Select(p => p.Text)).Normalize(NormalizationForm.FormKC);

    [Theory]
    [InlineData("en", "The quick brown fox jumps over the lazy dog. It's \"quoted\" — with an em dash and a curly apostrophe’s test.")]
    [InlineData("de", "Grüße aus Köln! Die Straße ist schön; Äpfel, Öl und Übermut kosten 12,50 €.")]
    [InlineData("fr", "Où est la bibliothèque ? Ça coûte très cher, n’est-ce pas ? Œuvres complètes, naïveté.")]
    [InlineData("el", "Καλημέρα κόσμε! Η γρήγορη καφέ αλεπού πηδάει πάνω από τον τεμπέλη σκύλο.")]
    [InlineData("ru", "Привет, мир! Съешь же ещё этих мягких французских булок да выпей чаю.")]
    public async Task Export_Languages_TextReadsBackFromThePdf(string language, string text)
    {
        var (pdf, result) = await ExportAsync(Conversation(text, $"**{language}**: {text}"));

        using var document = PdfDocument.Open(pdf);
        var all = Squash(AllText(document));
        Assert.Contains(Squash(text), all, StringComparison.Ordinal);
        Assert.Empty(result.Warnings);
        Assert.Equal("application/pdf", result.ContentType);
        Assert.EndsWith(".pdf", result.FileName, StringComparison.Ordinal);
        Assert.DoesNotContain("..", result.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ChineseAndJapaneseWithFallbackFont_TextReadsBack()
    {
        var font = ExternalProgram.RequireFile(CjkFont, "fonts-wqy-microhei");
        const string chinese = "你好，世界！这是一个很长的中文句子，用来测试在字符之间换行是否正确，而且不会超出页面的边界。";
        const string japanese = "こんにちは世界。日本語の文章もきちんと表示されるはずです。カタカナとひらがなと漢字。";
        var (pdf, result) = await ExportAsync(Conversation(chinese + chinese + chinese, japanese), pdf: o => o.FallbackFonts.Add(PdfFontSource.FromFile(font)));

        using var document = PdfDocument.Open(pdf);
        var all = Squash(AllText(document));
        Assert.Contains(Squash(chinese + chinese + chinese), all, StringComparison.Ordinal);
        Assert.Contains(Squash(japanese), all, StringComparison.Ordinal);
        Assert.Empty(result.Warnings);
        AssertInsidePage(document);
    }

    [Fact]
    public async Task Export_CharacterNoFontHas_ReplacedVisiblyAndWarned()
    {
        // Without the installed fonts (Debian's Noto has Linear B).
        var (pdf, result) = await ExportAsync(Conversation("Linear B: \U00010000 and private use \uE123 end."), pdf: o => o.UseSystemFonts = false);

        using var document = PdfDocument.Open(pdf);
        var text = AllText(document);
        Assert.Contains("\uFFFD", text, StringComparison.Ordinal);
        Assert.Contains("end.", text, StringComparison.Ordinal);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("U+10000", warning, StringComparison.Ordinal);
        Assert.Contains("U+E123", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_LoneSurrogates_ReplacedAndWarnedOnce()
    {
        var conversation = Conversation("lone \uD800 in the body", "another \uDC00 here") is var c
            ? c with { Messages = [c.Messages[0] with { AuthorName = "Ada \uDBFF", Parts = [new CodePart { Code = "x = '\uD800'" }] }, c.Messages[1]] }
            : null!;

        var (pdf, result) = await ExportAsync(conversation, new ExportOptions { IncludeUserInfo = true });

        using var document = PdfDocument.Open(pdf);
        var text = AllText(document);
        Assert.Contains("lone \uFFFD in the body", text, StringComparison.Ordinal);
        Assert.Contains("another \uFFFD here", text, StringComparison.Ordinal);
        Assert.Contains("x = '\uFFFD'", text, StringComparison.Ordinal);
        Assert.Contains("not valid Unicode", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_LongConversation_PageXOfYOnEveryPageAndOneBookmarkPerMessage()
    {
        var conversation = SampleConversations.Create(60);
        var font = ExternalProgram.RequireFile(CjkFont, "fonts-wqy-microhei"); // the sample has Chinese paragraphs
        var (pdf, result) = await ExportAsync(conversation, new ExportOptions { IncludeTimestamps = true, IncludeMetadata = true, IncludeUserInfo = true }, o => o.FallbackFonts.Add(PdfFontSource.FromFile(font)));
        Assert.Empty(result.Warnings);

        using var document = PdfDocument.Open(pdf);
        var pages = document.NumberOfPages;
        Assert.True(pages > 5, $"{pages} pages");
        foreach (var page in document.GetPages())
        {
            Assert.Contains($"Page {page.Number} of {pages}", page.Text, StringComparison.Ordinal);
        }

        Assert.True(document.TryGetBookmarks(out var bookmarks));
        var nodes = bookmarks.GetNodes().ToList();
        Assert.Equal(60, nodes.Count);
        Assert.StartsWith("1. User · Ada Lovelace", nodes[0].Title, StringComparison.Ordinal);
        Assert.Equal(1, ((DocumentBookmarkNode)nodes[0]).PageNumber);
        Assert.Equal(pages, ((DocumentBookmarkNode)nodes[^1]).PageNumber);

        // Every message's text is whole in the document.
        var all = Squash(AllText(document));
        var markup = new System.Text.RegularExpressions.Regex(@"```\w*|\[([^\]]*)\]\([^)]*\)|[*`#>|\-\[\]•◦▪]|^\d+\.", System.Text.RegularExpressions.RegexOptions.Multiline);
        var plainAll = markup.Replace(all, "$1");
        foreach (var message in conversation.Messages)
        {
            var plain = Squash(markup.Replace(message.Content, "$1"));
            Assert.Contains(plain[..Math.Min(80, plain.Length)], plainAll, StringComparison.Ordinal);
        }

        Assert.Equal(conversation.Title, document.Information.Title);
        Assert.Equal("AssistantKit", document.Information.Creator);
        Assert.Contains("SkiaSharp", document.Information.Producer, StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace", document.Information.Author, StringComparison.Ordinal);
        AssertInsidePage(document);
    }

    [Fact]
    public async Task Export_German_LabelsAndPageFooterInGerman()
    {
        var (pdf, _) = await ExportAsync(Conversation("Hallo"), new ExportOptions { Culture = "de" });

        using var document = PdfDocument.Open(pdf);
        var text = document.GetPage(1).Text;
        Assert.Contains("Seite 1 von 1", text, StringComparison.Ordinal);
        Assert.Contains(ExportLabels.German.User, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_MarkdownBody_LaidOutAsADocumentWithSafeLinks()
    {
        const string markdown = """
            # Heading one
            Some *emphasis*, **strong**, ~~gone~~ and `inline code` with a [link](https://example.com/docs) and a [bad one](javascript:alert(1)).

            - first
              - nested ◦
            1. numbered

            > quoted text

            | Name | Value |
            |------|-------|
            | alpha | 1 |

            ```csharp
            var x = 1; // a long line that must wrap rather than run off the page: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
            ```

            ---

            ![diagram](https://example.com/d.png) https://averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongdomain.example/with/a/path/that/never/ends/at/all/really
            """;
        var (pdf, _) = await ExportAsync(Conversation(markdown));

        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        var text = Squash(page.Text);
        foreach (var expected in new[] { "Headingone", "emphasis", "strong", "gone", "inlinecode", "first", "nested", "numbered", "quotedtext", "alpha", "varx=1;", "[diagram]https://example.com/d.png" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        var links = page.GetHyperlinks().Select(l => l.Uri).ToList();
        Assert.Contains("https://example.com/docs", links);
        Assert.Contains("https://example.com/d.png", links);
        Assert.DoesNotContain(links, l => l?.StartsWith("javascript", StringComparison.OrdinalIgnoreCase) == true);
        AssertInsidePage(document);
    }

    [Fact]
    public async Task Export_Letter_HasLetterPages()
    {
        var (pdf, _) = await ExportAsync(Conversation("Letter"), pdf: o => o.PageSize = PdfPageSize.Letter);
        using var document = PdfDocument.Open(pdf);
        Assert.Equal((612, 792), ((int)document.GetPage(1).Width, (int)document.GetPage(1).Height));
    }

    [Fact]
    public async Task Export_FontsAreSubsets_FileStaysSmall()
    {
        var (pdf, _) = await ExportAsync(Conversation("Small **document** with `code`."));
        Assert.True(pdf.Length < 200_000, $"{pdf.Length:N0} bytes: fonts were embedded whole");
    }

    [Fact]
    public async Task Export_Cancelled_StopsBetweenPages()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var exporter = ExporterFactory.Create(b => b.AddPdfExport());
        var header = SampleConversations.Header();
        async IAsyncEnumerable<ConversationMessage> Messages()
        {
            var i = 0;
            foreach (var message in SampleConversations.Messages(1000))
            {
                if (++i == 200)
                {
                    await cancel.CancelAsync();
                }

                yield return message;
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => exporter.ExportAsync(header, Messages(), new ExportOptions { Format = "pdf" }, Stream.Null, cancel.Token));
    }

    private static void AssertInsidePage(PdfDocument document)
    {
        foreach (var page in document.GetPages())
        {
            foreach (var letter in page.Letters)
            {
                Assert.InRange(letter.BoundingBox.Left, 40, page.Width - 40);
                Assert.InRange(letter.BoundingBox.Right, 40, page.Width - 40);
            }
        }
    }
}
