using System.Globalization;
using AssistantKit.Export.Pdf.Layout;
using SkiaSharp;

namespace AssistantKit.Export.Pdf.Tests;

/// <summary>Shaping, bidirectional reordering and line breaking of the PDF text layout, checked on the glyphs it produces.</summary>
public sealed class TextLayoutTests : IDisposable
{
    private readonly TextLayout _layout = new(new PdfFonts([], systemFonts: true, _ => { }));

    private static InlineStyle Style => new(FaceKind.Regular, 10, SKColors.Black);

    public void Dispose() => _layout.Dispose();

    private List<PdfLine> Lay(string text, float width = 400, int direction = -1) => _layout.Layout([new Span(text, Style)], 0, width, direction: direction);

    /// <summary>The runs of a line from left to right.</summary>
    private static List<GlyphRun> Visual(PdfLine line) => [.. line.Runs.OrderBy(r => r.X)];

    /// <summary>The words of a line's runs, runs from left to right (a right-to-left run is one word here).</summary>
    private static List<string> Words(PdfLine line) => [.. Visual(line).SelectMany(r => r.Text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))];

    private static ushort Nominal(GlyphRun run, int codePoint) => run.Face.Shaper.TryGetNominalGlyph(codePoint, out var glyph) ? (ushort)glyph : (ushort)0;

    [Fact]
    public void Arabic_letters_join_and_lam_alef_is_one_glyph()
    {
        var run = Assert.Single(Lay("بيت").Single().Runs);
        Assert.Equal(3, run.Glyphs.Glyphs.Length);
        Assert.DoesNotContain(run.Glyphs.Glyphs, g => g == Nominal(run, 'ب') || g == Nominal(run, 'ي') || g == Nominal(run, 'ت')); // contextual forms, none isolated

        var ligature = Assert.Single(Lay("لا").Single().Runs);
        Assert.Single(ligature.Glyphs.Glyphs);
        Assert.True(ligature.RightToLeft);
    }

    [Fact]
    public void Devanagari_conjuncts_and_emoji_sequences_shape_to_fewer_glyphs()
    {
        MultiScriptTests.RequireNotoFonts();
        Assert.True(Lay("क्ष").Single().Runs.Single().Glyphs.Glyphs.Length < 3, "क्ष is a conjunct");
        foreach (var emoji in new[] { "👨‍👩‍👧‍👦", "🇩🇪", "👍🏽", "❤️" })
        {
            var run = Assert.Single(Lay(emoji).Single().Runs);
            Assert.True(run.Face.IsColor, $"{emoji} in {run.Face.Description}");
            Assert.Single(run.Glyphs.Glyphs, g => g != 0);
        }
    }

    [Fact]
    public void Hebrew_in_left_to_right_text_is_reversed_as_a_whole_and_numbers_stay_left_to_right()
    {
        var visual = Words(Lay("abc אבג דהו def").Single());
        Assert.Equal(["abc", "דהו", "אבג", "def"], visual);

        var rtl = Lay("שנה 2025 טובה abc").Single();
        Assert.True(rtl.RightToLeft);
        Assert.Equal(["abc", "טובה", "2025", "שנה"], Words(rtl));
    }

    [Fact]
    public void Brackets_in_right_to_left_text_are_mirrored()
    {
        var runs = Visual(Lay("(אבג)").Single());
        var first = runs[0];
        var last = runs[^1];
        Assert.Equal(Nominal(first, '('), first.Glyphs.Glyphs[0]); // the logical ")" at the left, drawn as "("
        Assert.Equal(Nominal(last, ')'), last.Glyphs.Glyphs[^1]);
    }

    [Theory]
    [InlineData("นี่คือข้อความภาษาไทยที่ยาวมากเพื่อทดสอบการตัดบรรทัดโดยไม่มีช่องว่างระหว่างคำในภาษาไทยซึ่งต้องตัด")]
    [InlineData("ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé")]
    [InlineData("人工智能助手可以帮助开发者导出对话记录，并且支持多种格式，包括ＰＤＦ。日本語の文章も同じように改行されるべきです。")]
    public void Lines_fit_and_never_start_inside_a_grapheme_cluster_or_with_closing_punctuation(string text)
    {
        const float width = 90;
        var lines = Lay(text, width);
        Assert.True(lines.Count > 2);
        foreach (var line in lines)
        {
            Assert.InRange(TextLayout.Width(line), 0, width + 0.01f);
            var start = Visual(line)[0].Text.ToString();
            Assert.False(CharUnicodeInfo.GetUnicodeCategory(start, 0) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark, $"a line starts with a mark: {start}");
            Assert.False(start[0] is '，' or '。', $"a line starts with closing punctuation: {start}");
        }

        Assert.Equal(text, string.Concat(lines.SelectMany(l => l.Runs).Select(r => r.Text.ToString())));
    }

    [Fact]
    public void A_word_moved_to_the_next_line_keeps_the_space_after_it_and_code_keeps_its_indentation()
    {
        var wrapped = Lay("aaaa bbbb cccc dddd", _layout.Measure("aaaa bbbb cccc", Style) - 1)[1];
        Assert.Equal("cccc dddd", string.Concat(Visual(wrapped).Select(r => r.Text.ToString())));

        var code = _layout.Layout([new Span("x\n    y", Style with { Face = FaceKind.Mono })], 0, 400, preserveSpaces: true, direction: 0);
        Assert.True(code[1].Runs.Single(r => r.Text.Span.Contains('y')).Glyphs.Glyphs.Length == 5, "four spaces and y");
    }

    [Fact]
    public void Invisible_controls_need_no_font_and_are_not_missing()
    {
        var fonts = new PdfFonts([], systemFonts: false, _ => { });
        using var layout = new TextLayout(fonts);
        layout.Layout([new Span("a\u200Fb\u2067c\u2069d\u200De\uFE0F", Style)], 0, 400);
        Assert.Empty(fonts.Missing);
    }
}
