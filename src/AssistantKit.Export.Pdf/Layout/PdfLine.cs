using SkiaSharp;

namespace AssistantKit.Export.Pdf.Layout;

/// <summary>
/// Shaped text in one face at one position of a line (x from the content's left edge, baseline from the line's top), in
/// visual order; <see cref="Text"/> is the logical text it draws (a slice of its paragraph), which the PDF carries for search and
/// copy.
/// </summary>
internal readonly record struct GlyphRun(float X, float Baseline, FontFace Face, float Size, SKColor Color, float Width, ShapedText Glyphs, ReadOnlyMemory<char> Text, bool RightToLeft, string? Link, bool Strike);

/// <summary>A filled rectangle (backgrounds, bars, rules) relative to the line's top-left.</summary>
internal readonly record struct Box(float X, float Y, float Width, float Height, SKColor Color);

/// <summary>An image (its encoded bytes, decoded when drawn) placed relative to the line's top-left.</summary>
internal readonly record struct PlacedImage(float X, float Y, float Width, float Height, ReadOnlyMemory<byte> Encoded);

/// <summary>
/// One horizontal slice of the document: a line of text, a table row line, an image, a rule or a gap. Pagination places
/// whole lines; a line with <see cref="KeepWithNext"/> never ends a page.
/// </summary>
internal sealed class PdfLine(float height)
{
    public float Height { get; } = height;

    public List<GlyphRun> Runs { get; } = [];

    public List<Box> Boxes { get; } = [];

    public List<PlacedImage> Images { get; } = [];

    /// <summary>Gets or sets whether the line is set right to left (its paragraph's direction): aligned right, list markers on the right.</summary>
    public bool RightToLeft { get; set; }

    /// <summary>Gets or sets whether the line must be on the same page as the next (message headers).</summary>
    public bool KeepWithNext { get; set; }

    /// <summary>Gets or sets whether the line is only space, dropped at the top of a page.</summary>
    public bool IsGap { get; set; }

    /// <summary>Gets or sets the bookmark that starts at this line.</summary>
    public string? Bookmark { get; set; }
}
