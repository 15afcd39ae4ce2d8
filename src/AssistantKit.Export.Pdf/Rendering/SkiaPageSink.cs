using AssistantKit.Export.Pdf.Layout;
using SkiaSharp;

namespace AssistantKit.Export.Pdf.Rendering;

/// <summary>The drawing pass: pages of an <see cref="SKDocument"/> with running header and footer, links, and bookmark positions.</summary>
internal sealed class SkiaPageSink(SKDocument document, PageGeometry page, TextLayout text, IReadOnlyDictionary<SKTypeface, SKTypeface> subsets, string title, string headerRight, Func<int, string> footer) : IPageSink, IDisposable
{
    private readonly SKPaint _paint = new() { IsAntialias = true };
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

        DrawRuns(line, page.Margin, top);
    }

    public void EndPage(int number)
    {
        document.EndPage();
        _canvas = null;
    }

    public void Dispose() => _paint.Dispose();

    private void DrawRuns(PdfLine line, float left, float top)
    {
        foreach (var run in line.Runs)
        {
            var x = left + run.X;
            var baseline = top + run.Baseline;
            _paint.Color = run.Color;
            _canvas!.DrawText(run.Text, x, baseline, SKTextAlign.Left, text.Font(subsets.GetValueOrDefault(run.Face, run.Face), run.Size), _paint);
            if (run.Strike)
            {
                Fill(x, baseline - (run.Size * 0.3f), run.Width, run.Size * 0.06f, run.Color);
            }

            if (run.Link is { } link)
            {
                using var data = _canvas.DrawUrlAnnotation(new SKRect(x, baseline - run.Size, x + run.Width, baseline + (run.Size * 0.25f)), link);
            }
        }
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
