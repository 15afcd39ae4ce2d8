using AssistantKit.Export;
using AssistantKit.TestUtils;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UglyToad.PdfPig;

namespace AssistantKit.Export.Pdf.Tests;

/// <summary>Messages laid out on several threads, and several exports at once, give the same document as one thread.</summary>
public sealed class ParallelLayoutTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<List<string>> PagesAsync(Conversation conversation, int degree)
    {
        using var output = new MemoryStream();
        await ExporterFactory.Create(b =>
            {
                b.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero))); // the same export time in every document
                b.AddPdfExport(o => o.MaxDegreeOfParallelism = degree);
            })
            .ExportAsync(conversation, new ExportOptions { Format = "pdf", IncludeTimestamps = true }, output, Token);
        using var document = PdfDocument.Open(output.ToArray());
        return [.. document.GetPages().Select(p => string.Concat(p.Letters.Select(l => $"{l.Value}@{l.StartBaseLine.X:F1},{l.StartBaseLine.Y:F1}")))];
    }

    [Fact]
    public async Task Parallel_layout_gives_the_same_pages_letter_for_letter_and_position_for_position()
    {
        var conversation = SampleConversations.Create(120) with { Title = "Parallel" };
        var sequential = await PagesAsync(conversation, 1);
        var parallel = await PagesAsync(conversation, 4);

        Assert.True(sequential.Count > 20, $"{sequential.Count} pages");
        Assert.Equal(sequential.Count, parallel.Count);
        for (var i = 0; i < sequential.Count; i++)
        {
            Assert.True(sequential[i] == parallel[i], $"page {i + 1} differs");
        }
    }

    [Fact]
    public async Task Concurrent_exports_each_give_the_document_one_export_alone_gives()
    {
        var conversation = SampleConversations.Create(60) with { Title = "Concurrent" };
        var alone = await PagesAsync(conversation, 0);
        var together = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PagesAsync(conversation, 0), Token)));
        Assert.All(together, pages => Assert.Equal(alone, pages));
    }
}
