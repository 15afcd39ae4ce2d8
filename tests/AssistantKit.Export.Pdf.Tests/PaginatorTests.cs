using AssistantKit.Export.Pdf.Layout;
using AssistantKit.Export.Pdf.Rendering;

namespace AssistantKit.Export.Pdf.Tests;

public sealed class PaginatorTests
{
    private static readonly PageGeometry Page = new(200, 200, 20, 10); // body from 42 to 158: 116 points

    private sealed class RecordingSink : IPageSink
    {
        public List<(int Page, PdfLine Line, float Top)> Placed { get; } = [];

        private int _page;

        public void BeginPage(int number) => _page = number;

        public void Draw(PdfLine line, float top) => Placed.Add((_page, line, top));

        public void EndPage(int number)
        {
        }
    }

    [Fact]
    public void Add_HeaderThatWouldEndAPage_MovesToTheNextPageWithItsFirstLine()
    {
        var sink = new RecordingSink();
        var paginator = new Paginator(Page, sink, CancellationToken.None);
        var filler = Enumerable.Range(0, 10).Select(_ => new PdfLine(11)).ToList(); // 110 of 116 points
        var header = new PdfLine(10) { KeepWithNext = true };
        var body = new PdfLine(10);

        paginator.Add([.. filler, header, body]);
        var pages = paginator.Finish();

        Assert.Equal(2, pages);
        Assert.Equal(2, sink.Placed.Single(p => p.Line == header).Page);
        Assert.Equal(Page.BodyTop, sink.Placed.Single(p => p.Line == header).Top);
        Assert.Equal(2, sink.Placed.Single(p => p.Line == body).Page);
    }

    [Fact]
    public void Add_GapAtTheTopOfAPage_IsDropped_AndNoLineCrossesTheBottom()
    {
        var sink = new RecordingSink();
        var paginator = new Paginator(Page, sink, CancellationToken.None);
        var lines = new List<PdfLine>();
        for (var i = 0; i < 100; i++)
        {
            lines.Add(new PdfLine(7 + (i % 5)));
            lines.Add(new PdfLine(6) { IsGap = true });
        }

        paginator.Add(lines);
        var pages = paginator.Finish();

        Assert.True(pages > 5);
        Assert.All(sink.Placed, p => Assert.True(p.Top + p.Line.Height <= Page.BodyBottom + 0.01f, $"line at {p.Top} on page {p.Page} crosses the bottom"));
        Assert.DoesNotContain(sink.Placed, p => p.Line.IsGap && p.Top == Page.BodyTop);
    }

    [Fact]
    public void Add_Cancelled_ThrowsAtTheNextPage()
    {
        using var cancel = new CancellationTokenSource();
        var paginator = new Paginator(Page, new RecordingSink(), cancel.Token);
        paginator.Add([new PdfLine(10)]);
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => paginator.Add([.. Enumerable.Range(0, 20).Select(_ => new PdfLine(10))]));
    }
}
