using SkiaSharp;

namespace AssistantKit.Export.Pdf.Layout;

/// <summary>Text set in one face at one position of a line (x from the content's left edge, baseline from the line's top).</summary>
internal readonly record struct GlyphRun(float X, float Baseline, string Text, SKTypeface Face, float Size, SKColor Color, float Width, string? Link, bool Strike);

/// <summary>A filled rectangle (backgrounds, bars, rules) relative to the line's top-left.</summary>
internal readonly record struct Box(float X, float Y, float Width, float Height, SKColor Color);

/// <summary>
/// One horizontal slice of the document: a line of text, a table row line, a rule or a gap. Pagination places whole lines;
/// a line with <see cref="KeepWithNext"/> never ends a page.
/// </summary>
internal sealed class PdfLine(float height)
{
    public float Height { get; } = height;

    public List<GlyphRun> Runs { get; } = [];

    public List<Box> Boxes { get; } = [];

    /// <summary>Gets or sets whether the line must be on the same page as the next (message headers).</summary>
    public bool KeepWithNext { get; set; }

    /// <summary>Gets or sets whether the line is only space, dropped at the top of a page.</summary>
    public bool IsGap { get; set; }

    /// <summary>Gets or sets the bookmark that starts at this line.</summary>
    public string? Bookmark { get; set; }
}
