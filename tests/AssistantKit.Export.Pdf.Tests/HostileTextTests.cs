using System.Text;
using AssistantKit.Export;
using AssistantKit.TestUtils;
using UglyToad.PdfPig;

namespace AssistantKit.Export.Pdf.Tests;

/// <summary>
/// Text built to hurt a layout engine: it is exported in bounded time (a generous timeout catches a hang, not slowness)
/// and every glyph stays on the page.
/// </summary>
public sealed class HostileTextTests
{
    public static TheoryData<string, string> Inputs()
    {
        var arabicWords = new StringBuilder();
        var random = new Random(7);
        while (arabicWords.Length < 1_000_000)
        {
            arabicWords.Append("كلمة عربية طويلة جدا ").Append(random.Next(1000)).Append(' ');
        }

        var table = new StringBuilder();
        table.AppendLine("|" + string.Concat(Enumerable.Range(0, 50).Select(i => $" عمود{i} |")));
        table.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", 50)));
        for (var row = 0; row < 10; row++)
        {
            table.AppendLine("|" + string.Concat(Enumerable.Range(0, 50).Select(i => $" خلية {row}-{i} مع نص |")));
        }

        var lists = new StringBuilder();
        for (var depth = 0; depth < 40; depth++)
        {
            lists.Append(new string(' ', depth * 2)).Append("- ").AppendLine(depth % 2 == 0 ? $"item {depth} in English" : $"פריט {depth} בעברית (עם סוגריים)");
        }

        return new TheoryData<string, string>
        {
            { "a 1 MB right-to-left paragraph on one line", arabicWords.ToString() },
            { "10,000 combining marks on one base", "e" + new string('\u0301', 10_000) + " end" },
            { "a table of 50 columns of Arabic", table.ToString() },
            { "40 levels of lists mixing directions", lists.ToString() },
            { "60 levels of lists", string.Join('\n', Enumerable.Range(0, 60).Select(d => new string(' ', d * 2) + $"- level {d} of a very deep list")) },
            { "60 levels of quotes", string.Concat(Enumerable.Repeat("> ", 60)) + "quoted " + string.Concat(Enumerable.Repeat("وعربي ", 40)) },
            { "a word of 200,000 letters without a break", new string('x', 200_000) },
            { "bidi controls nested past the limit", string.Concat(Enumerable.Repeat("\u202B\u2067א", 200)) + "abc" },
        };
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Hostile_text_is_laid_out_in_bounded_time_and_inside_the_page(string what, string body)
    {
        var conversation = SampleConversations.Header() with
        {
            Messages = [new ConversationMessage { Id = "m", Role = MessageRole.Assistant, Content = body }],
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        using var output = new MemoryStream();
        await ExporterFactory.Create(b => b.AddPdfExport(o => o.UseSystemFonts = false)).ExportAsync(conversation, new ExportOptions { Format = "pdf" }, output, timeout.Token);

        using var document = PdfDocument.Open(output.ToArray());
        foreach (var page in document.GetPages().Take(50))
        {
            foreach (var letter in page.Letters)
            {
                Assert.True(letter.BoundingBox.Left >= 40 && letter.BoundingBox.Right <= page.Width - 40 && letter.BoundingBox.Bottom >= 0 && letter.BoundingBox.Top <= page.Height,
                    $"{what}: '{letter.Value}' at {letter.BoundingBox} is off the page");
            }
        }
    }
}
