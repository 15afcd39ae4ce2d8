using System.Text;
using AssistantKit.Export.Pdf.Layout;
using SkiaSharp;

namespace AssistantKit.Export.Pdf.Rendering;

/// <summary>
/// The drawing pass: pages of an <see cref="SKDocument"/> with running header and footer, links, images and bookmark
/// positions. Text is drawn by glyph id with its logical text attached, so that the PDF maps the glyphs back to the
/// characters (ActualText where the glyphs alone do not say: ligatures, contextual forms, right-to-left runs).
/// </summary>
internal sealed class SkiaPageSink(SKDocument document, PageGeometry page, TextLayout text, IReadOnlyDictionary<SKTypeface, SKTypeface> subsets, string title, string headerRight, Func<int, string> footer, Action<string> warn) : IPageSink, IDisposable
{
    private readonly SKPaint _paint = new() { IsAntialias = true };
    private readonly SKTextBlobBuilder _blobs = new();
    private byte[] _utf8 = new byte[1024];
    private int[] _offsets = new int[256];
    private readonly float _bandSize = page.BaseSize * 0.8f;
    private readonly (PdfLine Left, PdfLine Right, float RightWidth) _header = Header(page, text, title, headerRight);
    private SKCanvas? _canvas;
    private int _page;

    /// <summary>Gets the bookmarks drawn: page number (from 1), y from the page top, title.</summary>
    public List<(int Page, float Top, string Title)> Bookmarks { get; } = [];

    public void BeginPage(int number)
    {
        _page = number;
        _canvas = document.BeginPage(page.Width, page.Height);
        var y = page.Margin + _bandSize;
        var (left, right, rightWidth) = _header;
        DrawRuns(left, page.Margin, y - left.Runs.FirstOrDefault().Baseline);
        DrawRuns(right, page.Margin + page.ContentWidth - rightWidth, y - right.Runs.FirstOrDefault().Baseline);
        Fill(page.Margin, page.Margin + (_bandSize * 1.6f), page.ContentWidth, 0.5f, Theme.Rule);

        var foot = text.SingleLine([new Span(footer(number), new InlineStyle(FaceKind.Regular, _bandSize, Theme.Muted))], 0, page.ContentWidth);
        var footWidth = foot.Runs.Sum(r => r.Width);
        DrawRuns(foot, page.Margin + ((page.ContentWidth - footWidth) / 2), page.Height - page.Margin - (_bandSize * 1.4f));
    }

    public void Draw(PdfLine line, float top)
    {
        if (line.Bookmark is { } bookmark)
        {
            Bookmarks.Add((_page, top, bookmark));
        }

        foreach (var box in line.Boxes)
        {
            Fill(page.Margin + box.X, top + box.Y, box.Width, box.Height, box.Color);
        }

        foreach (var image in line.Images)
        {
            DrawImage(image, page.Margin, top);
        }

        DrawRuns(line, page.Margin, top);
    }

    public void EndPage(int number)
    {
        document.EndPage();
        _canvas = null;
    }

    public void Dispose()
    {
        _paint.Dispose();
        _blobs.Dispose();
    }

    private void DrawRuns(PdfLine line, float left, float top)
    {
        foreach (var run in line.Runs)
        {
            var x = left + run.X;
            var baseline = top + run.Baseline;
            _paint.Color = run.Color;
            var font = text.Font(run.Face, subsets.GetValueOrDefault(run.Face.Typeface, run.Face.Typeface), run.Size);
            using (var blob = Blob(run, font))
            {
                if (blob is not null)
                {
                    _canvas!.DrawText(blob, x, baseline, _paint);
                }
            }

            if (run.Strike)
            {
                Fill(x, baseline - (run.Size * 0.3f), run.Width, run.Size * 0.06f, run.Color);
            }

            if (run.Link is { } link)
            {
                using var data = _canvas!.DrawUrlAnnotation(new SKRect(x, baseline - run.Size, x + run.Width, baseline + (run.Size * 0.25f)), link);
            }
        }
    }

    /// <summary>
    /// The run's glyphs at their positions, with the run's text and the cluster each glyph comes from: Skia writes an
    /// ActualText span for each cluster whose glyphs do not map back to its characters one to one (ligatures, contextual
    /// forms, reordered marks), so that text extraction and copying yield the characters.
    /// </summary>
    private SKTextBlob? Blob(GlyphRun run, SKFont font)
    {
        var shaped = run.Glyphs;
        var count = shaped.Glyphs.Length;
        if (count == 0)
        {
            return null;
        }

        var text = run.RightToLeft ? ReverseClusters(run.Text.Span, shaped.Clusters).AsSpan() : run.Text.Span;
        Grow(ref _utf8, Encoding.UTF8.GetMaxByteCount(text.Length));
        Grow(ref _offsets, text.Length + 1);
        var byteCount = Encoding.UTF8.GetBytes(text, _utf8);
        var buffer = _blobs.AllocatePositionedTextRun(font, count, byteCount, null);
        buffer.SetGlyphs(shaped.Glyphs);
        var scale = run.Size / run.Face.UnitsPerEm;
        var positions = buffer.Positions;
        var pen = 0f;
        for (var i = 0; i < count; i++)
        {
            positions[i] = new SKPoint(pen + (shaped.OffsetsX[i] * scale), -shaped.OffsetsY[i] * scale);
            pen += shaped.Advances[i] * scale;
        }

        buffer.SetText(_utf8.AsSpan(0, byteCount));

        // UTF-16 index → UTF-8 offset, for the cluster of each glyph.
        var offsets = _offsets;
        int at = 0, byteOffset = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            offsets[at] = byteOffset;
            at += rune.Utf16SequenceLength;
            byteOffset += rune.Utf8SequenceLength;
        }

        offsets[at] = byteOffset;
        var clusters = buffer.Clusters;
        for (var i = 0; i < count; i++)
        {
            clusters[i] = (uint)offsets[Math.Clamp(shaped.Clusters[i], 0, text.Length)];
        }

        return _blobs.Build();
    }

    private static void Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }
    }

    /// <summary>
    /// For a right-to-left run: the text with the characters of each multi-character cluster in reverse order. Extractors
    /// (poppler's pdftotext among them) read right-to-left glyphs in visual order and reverse them, ActualText included,
    /// which would turn a lam-alef ligature's "لا" into "ال"; reversed here, it comes out in logical order.
    /// </summary>
    private static string ReverseClusters(ReadOnlySpan<char> text, int[] clusters)
    {
        var starts = clusters.Distinct().Order().Append(text.Length).ToArray();
        var chars = text.ToArray();
        for (var k = 0; k + 1 < starts.Length; k++)
        {
            var (from, to) = (Math.Clamp(starts[k], 0, text.Length), Math.Clamp(starts[k + 1], 0, text.Length));
            if (to - from > 1)
            {
                var runes = new string(text[from..to]).EnumerateRunes().Reverse().Select(r => r.ToString());
                string.Concat(runes).CopyTo(0, chars, from, to - from);
            }
        }

        return new string(chars);
    }

    /// <summary>Decodes an image (first frame) and draws it; one that does not decode after all leaves a frame and a warning.</summary>
    private void DrawImage(PlacedImage image, float left, float top)
    {
        var rect = SKRect.Create(left + image.X, top + image.Y, image.Width, image.Height);
        using var bitmap = SKBitmap.Decode(image.Encoded.Span);
        if (bitmap is null)
        {
            warn("An image could not be decoded; its place is left empty.");
            _paint.Color = Theme.Rule;
            _paint.Style = SKPaintStyle.Stroke;
            _canvas!.DrawRect(rect, _paint);
            _paint.Style = SKPaintStyle.Fill;
            return;
        }

        using var skImage = SKImage.FromBitmap(bitmap);
        _canvas!.DrawImage(skImage, rect, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None), _paint);
    }

    /// <summary>The running header is the same on every page: laid out once.</summary>
    private static (PdfLine Left, PdfLine Right, float RightWidth) Header(PageGeometry page, TextLayout text, string title, string headerRight)
    {
        var style = new InlineStyle(FaceKind.Regular, page.BaseSize * 0.8f, Theme.Muted);
        var right = text.SingleLine([new Span(headerRight, style)], 0, page.ContentWidth);
        var rightWidth = right.Runs.Sum(r => r.Width);
        var left = text.SingleLine([new Span(title, style)], 0, Math.Max(10, page.ContentWidth - rightWidth - 12));
        return (left, right, rightWidth);
    }

    private void Fill(float x, float y, float width, float height, SKColor color)
    {
        _paint.Color = color;
        _canvas!.DrawRect(x, y, width, height, _paint);
    }
}
