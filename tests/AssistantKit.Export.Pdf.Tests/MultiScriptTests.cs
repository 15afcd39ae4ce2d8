using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AssistantKit.Export;
using AssistantKit.Import;
using AssistantKit.TestUtils;
using SkiaSharp;
using UglyToad.PdfPig;

namespace AssistantKit.Export.Pdf.Tests;

/// <summary>
/// The multi-script sample (Arabic, Hebrew, Persian with digits, Hindi, Bengali, Tamil, Thai, Chinese, Japanese, Korean,
/// Greek, Cyrillic, emoji sequences, combining marks, an image) exported as PDF, with the fonts Debian installs, and read
/// back by pdftotext and PdfPig — and the same conversation as our HTML printed by Chromium, the reference.
/// </summary>
public sealed partial class MultiScriptTests
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "multiscript-conversation.json");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The Debian fonts the multi-script tests need: skipped (failed in CI) without them.</summary>
    internal static void RequireNotoFonts()
    {
        ExternalProgram.RequireFile("/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf", "fonts-noto-core");
        ExternalProgram.RequireFile("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "fonts-noto-cjk");
        ExternalProgram.RequireFile("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf", "fonts-noto-color-emoji");
    }

    internal static async Task<Conversation> ReadSampleAsync()
    {
        await using var stream = File.OpenRead(Sample);
        await foreach (var item in ImporterFactory.Create().ReadAsync(stream, Sample, cancellationToken: Token))
        {
            return item.Conversation!;
        }

        throw new InvalidOperationException("The sample has no conversation.");
    }

    /// <summary>The words of the sample's texts, split as pdf-vs-chromium splits them (at spaces and punctuation).</summary>
    private static HashSet<string> Words(Conversation conversation) =>
        [.. conversation.Messages.Select(m => m.Content)
            .SelectMany(text => WordRegex().Matches(text).Select(m => m.Value))
            .Where(w => w.Any(char.IsLetterOrDigit))];

    /// <summary>Text as extractors give it, compared without spaces, bidi marks or emoji variation selectors, in NFC.</summary>
    private static string Flat(string text) => StripRegex().Replace(text.Normalize(NormalizationForm.FormC), "");

    private static async Task<string> PdfToTextAsync(string pdf)
    {
        var pdftotext = ExternalProgram.Require("pdftotext", "poppler-utils");
        var (exit, output, error) = await ExternalProgram.RunAsync(pdftotext, [pdf, "-"], TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, error);
        return output;
    }

    [Fact]
    public async Task Every_word_of_every_script_is_read_back_in_logical_order_and_Chromium_finds_no_more()
    {
        RequireNotoFonts();
        var conversation = await ReadSampleAsync();
        var exporter = ExporterFactory.Create();
        var directory = Directory.CreateTempSubdirectory("ak-scripts-").FullName;
        try
        {
            var ours = Path.Combine(directory, "ours.pdf");
            ExportResult result;
            await using (var file = File.Create(ours))
            {
                result = await exporter.ExportAsync(conversation, new ExportOptions { Format = "pdf" }, file, Token);
            }

            using var html = new MemoryStream();
            await exporter.ExportAsync(conversation, new ExportOptions { Format = "html" }, html, Token);
            var chromium = await Chromium.PrintAsync(Encoding.UTF8.GetString(html.ToArray()), directory);

            var ourText = Flat(await PdfToTextAsync(ours));
            var chromiumText = Flat(await PdfToTextAsync(chromium));
            var words = Words(conversation);
            var missing = words.Where(w => !ourText.Contains(Flat(w), StringComparison.Ordinal)).ToList();
            var missingInChromium = words.Where(w => !chromiumText.Contains(Flat(w), StringComparison.Ordinal)).ToList();

            Assert.True(words.Count > 100, $"{words.Count} words");
            Assert.True(missing.Count == 0, $"pdftotext misses {missing.Count} of {words.Count} words in our PDF: {string.Join(" ", missing)} (Chromium misses {string.Join(" ", missingInChromium)})");
            Assert.DoesNotContain('\uFFFD', ourText);
            Assert.DoesNotContain(result.Warnings, w => w.Contains("no glyph", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Glyphs_stay_inside_the_page_and_left_to_right_scripts_read_back_with_PdfPig()
    {
        RequireNotoFonts();
        var conversation = await ReadSampleAsync();
        using var output = new MemoryStream();
        await ExporterFactory.Create().ExportAsync(conversation, new ExportOptions { Format = "pdf" }, output, Token);

        using var document = PdfDocument.Open(output.ToArray());
        var text = string.Concat(document.GetPages().Select(p => p.Text)).Normalize(NormalizationForm.FormKC);
        foreach (var word in new[] { "Γειά", "Κόσμε", "Привет", "мир", "世界", "こんにちは", "안녕하세요", "office" })
        {
            Assert.Contains(word, text, StringComparison.Ordinal);
        }

        foreach (var page in document.GetPages())
        {
            foreach (var letter in page.Letters)
            {
                Assert.InRange(letter.BoundingBox.Left, 40, page.Width - 40);
                Assert.InRange(letter.BoundingBox.Right, 40, page.Width - 40);
            }
        }
    }

    [Fact]
    public async Task Right_to_left_paragraphs_are_right_aligned_and_left_to_right_ones_left_aligned()
    {
        RequireNotoFonts();
        var hebrew = "שלום עולם, זו פסקה בעברית.";
        var conversation = SampleConversations.Header() with
        {
            Messages = [new ConversationMessage { Id = "m", Role = MessageRole.User, Content = $"{hebrew}\n\nAn English paragraph." }],
        };
        using var output = new MemoryStream();
        await ExporterFactory.Create().ExportAsync(conversation, new ExportOptions { Format = "pdf" }, output, Token);

        using var document = PdfDocument.Open(output.ToArray());
        var page = document.GetPage(1);
        var hebrewLetters = page.Letters.Where(l => l.Value.Any(c => c is >= '\u05D0' and <= '\u05EA')).ToList();
        var englishLetters = page.Letters.Where(l => l.Value is "A" or "n" && l.BoundingBox.Bottom < hebrewLetters.Min(h => h.BoundingBox.Bottom)).ToList();
        Assert.NotEmpty(hebrewLetters);
        Assert.InRange(page.Width - 48 - hebrewLetters.Max(l => l.BoundingBox.Right), 0, 3); // at the right margin
        Assert.InRange(englishLetters.Min(l => l.BoundingBox.Left), 48, 75); // after the role bar's indent
    }

    [Fact]
    public async Task Color_emoji_are_drawn_in_color()
    {
        RequireNotoFonts();
        var pdftoppm = ExternalProgram.Require("pdftoppm", "poppler-utils");
        var conversation = SampleConversations.Header() with
        {
            Messages = [new ConversationMessage { Id = "m", Role = MessageRole.System, Content = "🍎🍎🍎🍎🍎🍎🍎🍎" }],
        };
        var directory = Directory.CreateTempSubdirectory("ak-emoji-").FullName;
        try
        {
            var pdf = Path.Combine(directory, "emoji.pdf");
            await using (var file = File.Create(pdf))
            {
                await ExporterFactory.Create().ExportAsync(conversation, new ExportOptions { Format = "pdf" }, file, Token);
            }

            var (exit, _, error) = await ExternalProgram.RunAsync(pdftoppm, ["-r", "72", "-png", "-singlefile", pdf, Path.Combine(directory, "page")], TimeSpan.FromSeconds(60));
            Assert.True(exit == 0, error);
            using var bitmap = SKBitmap.Decode(Path.Combine(directory, "page.png"));
            var red = 0;
            for (var y = 0; y < bitmap.Height; y++)
            {
                for (var x = 0; x < bitmap.Width; x++)
                {
                    var c = bitmap.GetPixel(x, y);
                    red += c.Red > 180 && c.Green < 80 && c.Blue < 80 ? 1 : 0; // apple red: no theme color is red
                }
            }

            Assert.True(red > 100, $"{red.ToString(CultureInfo.InvariantCulture)} red pixels: the apples are not drawn in color");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task List_bullets_are_drawn_with_glyphs_the_embedded_subset_has()
    {
        RequireNotoFonts();
        var pdftoppm = ExternalProgram.Require("pdftoppm", "poppler-utils");
        var conversation = await ReadSampleAsync(); // a list of 14 items, its bullet used nowhere else
        var directory = Directory.CreateTempSubdirectory("ak-bullets-").FullName;
        try
        {
            var pdf = Path.Combine(directory, "list.pdf");
            await using (var file = File.Create(pdf))
            {
                await ExporterFactory.Create().ExportAsync(conversation, new ExportOptions { Format = "pdf" }, file, Token);
            }

            var (exit, _, error) = await ExternalProgram.RunAsync(pdftoppm, ["-r", "144", "-png", "-f", "1", "-singlefile", pdf, Path.Combine(directory, "page")], TimeSpan.FromSeconds(60));
            Assert.True(exit == 0, error);
            using var bitmap = SKBitmap.Decode(Path.Combine(directory, "page.png"));

            // The markers sit at x 66–71 pt, before the item text (from 75 pt). Rows with ink where the role label and body
            // text start (59 pt) are not list rows; in the others, ink there is the bullets.
            bool Ink(int x, int y) => bitmap.GetPixel(x, y).Red < 200;
            var ink = 0;
            for (var y = 0; y < bitmap.Height; y++)
            {
                if (Enumerable.Range(58 * 2, 4 * 2).Any(x => Ink(x, y)))
                {
                    continue;
                }

                ink += Enumerable.Range(64 * 2, 8 * 2).Count(x => Ink(x, y));
            }

            Assert.True(ink > 100, $"{ink.ToString(CultureInfo.InvariantCulture)} dark pixels where the 14 bullets go");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GeneratedRegex(@"[^\s`*_#>|()\[\]{}.,;:!?""'«»“”،。、！？]+")]
    private static partial Regex WordRegex();

    [GeneratedRegex("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufe0f\\s]")]
    private static partial Regex StripRegex();
}
