using AssistantKit.Export;
using AssistantKit.Export.Pdf;
using AssistantKit.TestUtils;
using BenchmarkDotNet.Attributes;

namespace AssistantKit.Benchmarks;

/// <summary>PDF export of Markdown-rich messages against Markdown export of the same messages (the baseline), streamed to a null stream.</summary>
[MemoryDiagnoser]
public class PdfBenchmarks
{
    public const string CjkFont = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    private IConversationExporter _exporter = null!;
    private Conversation _conversation = null!;

    [Params(1_000, 10_000)]
    public int Messages { get; set; }

    public static IConversationExporter CreateExporter() => ExporterFactory.Create(b => b.AddPdfExport(o =>
    {
        if (File.Exists(CjkFont))
        {
            o.FallbackFonts.Add(PdfFontSource.FromFile(CjkFont));
        }
    }));

    [GlobalSetup]
    public void Setup()
    {
        _exporter = CreateExporter();
        _conversation = SampleConversations.Create(Messages);
    }

    [Benchmark(Baseline = true)]
    public Task<ExportResult> Markdown() => _exporter.ExportAsync(_conversation, new ExportOptions { Format = ExportFormats.Markdown, IncludeTimestamps = true }, Stream.Null);

    [Benchmark]
    public Task<ExportResult> Pdf() => _exporter.ExportAsync(_conversation, new ExportOptions { Format = "pdf", IncludeTimestamps = true }, Stream.Null);
}
