using AssistantKit.Export.Pdf.Layout;
using SkiaSharp;

namespace AssistantKit.Export.Pdf.Rendering;

/// <summary>The drawing pass: pages of an <see cref="SKDocument"/> with running header and footer, links, and bookmark positions.</summary>
internal sealed class SkiaPageSink(SKDocument document, PageGeometry page, TextLayout text, IReadOnlyDictionary<SKTypeface, SKTypeface> subsets, string title, string headerRight, Func<int, string> footer) : IPageSink, IDisposable
{
    private readonly SKPaint _paint = new() { IsAntialias = true };
    private SKCanvas? _canvas;
    private int _page;

    /// <summary>Gets the bookmarks drawn: page number (from 1), y from the page top, title.</summary>
    public List<(int Page, float Top, string Title)> Bookmarks { get; } = [];

    public void BeginPage(int number)
    {
        _page = number;
        _canvas = document.BeginPage(page.Width, page.Height);
        var size = page.BaseSize * 0.8f;
        var y = page.Margin + size;
        var right = text.SingleLine([new Span(headerRight, new InlineStyle(FaceKind.Regular, size, Theme.Muted))], 0, page.ContentWidth);
        var rightWidth = right.Runs.Sum(r => r.Width);
        var left = text.SingleLine([new Span(title, new InlineStyle(FaceKind.Regular, size, Theme.Muted))], 0, Math.Max(10, page.ContentWidth - rightWidth - 12));
        DrawRuns(left, page.Margin, y - left.Runs.FirstOrDefault().Baseline);
        DrawRuns(right, page.Margin + page.ContentWidth - rightWidth, y - right.Runs.FirstOrDefault().Baseline);
        Fill(page.Margin, page.Margin + (size * 1.6f), page.ContentWidth, 0.5f, Theme.Rule);

        var foot = text.SingleLine([new Span(footer(number), new InlineStyle(FaceKind.Regular, size, Theme.Muted))], 0, page.ContentWidth);
        var footWidth = foot.Runs.Sum(r => r.Width);
        DrawRuns(foot, page.Margin + ((page.ContentWidth - footWidth) / 2), page.Height - page.Margin - (size * 1.4f));
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

    private void Fill(float x, float y, float width, float height, SKColor color)
    {
        _paint.Color = color;
        _canvas!.DrawRect(x, y, width, height, _paint);
    }
}
