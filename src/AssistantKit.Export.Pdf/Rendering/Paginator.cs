using AssistantKit.Export.Pdf.Layout;

namespace AssistantKit.Export.Pdf.Rendering;

/// <summary>Page size and the bands around the body.</summary>
internal readonly record struct PageGeometry(float Width, float Height, float Margin, float BaseSize)
{
    public static PageGeometry For(PdfExportOptions options) => options.PageSize == PdfPageSize.Letter
        ? new(612, 792, options.Margin, options.BaseFontSize)
        : new(595.28f, 841.89f, options.Margin, options.BaseFontSize);

    public float Band => BaseSize * 2.2f;

    public float BodyTop => Margin + Band;

    public float BodyBottom => Height - Margin - Band;

    public float ContentWidth => Width - (2 * Margin);
}

/// <summary>Receives placed lines, page by page: counts pages in the measuring pass, draws them in the drawing pass.</summary>
internal interface IPageSink
{
    void BeginPage(int number);

    void Draw(PdfLine line, float top);

    void EndPage(int number);
}

/// <summary>
/// Places lines top to bottom and starts a new page when the next line does not fit. Keeps a line marked
/// <see cref="PdfLine.KeepWithNext"/> with the next one, and drops gaps at the top of a page. Only the current position
/// is kept: memory does not grow with the document.
/// </summary>
internal sealed class Paginator(PageGeometry page, IPageSink sink, CancellationToken cancellationToken)
{
    private float _y;
    private bool _open;

    public int Pages { get; private set; }

    public void Add(IReadOnlyList<PdfLine> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!_open)
            {
                NewPage();
            }

            if (line.IsGap && _y == page.BodyTop)
            {
                continue;
            }

            var needed = line.Height;
            for (var j = i; j < lines.Count - 1 && lines[j].KeepWithNext; j++)
            {
                needed += lines[j + 1].Height;
            }

            if (_y + needed > page.BodyBottom && _y > page.BodyTop && (_y + line.Height > page.BodyBottom || needed < page.BodyBottom - page.BodyTop))
            {
                EndPage();
                NewPage();
                if (line.IsGap)
                {
                    continue;
                }
            }

            sink.Draw(line, _y);
            _y += line.Height;
        }
    }

    public int Finish()
    {
        if (!_open)
        {
            NewPage();
        }

        EndPage();
        return Pages;
    }

    private void NewPage()
    {
        cancellationToken.ThrowIfCancellationRequested();
        Pages++;
        _open = true;
        _y = page.BodyTop;
        sink.BeginPage(Pages);
    }

    private void EndPage()
    {
        sink.EndPage(Pages);
        _open = false;
    }
}

/// <summary>The measuring pass: only counts.</summary>
internal sealed class CountingSink : IPageSink
{
    public void BeginPage(int number)
    {
    }

    public void Draw(PdfLine line, float top)
    {
    }

    public void EndPage(int number)
    {
    }
}
