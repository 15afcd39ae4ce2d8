using AssistantKit.Templates;
using AssistantKit.TestUtils;
using BenchmarkDotNet.Attributes;

namespace AssistantKit.Benchmarks;

/// <summary>Search over a catalog of 10,000 templates (name, tags, description and ~1 KB of instructions each), and rendering.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class TemplateBenchmarks
{
    private TemplateCatalog _catalog = null!;
    private TemplateRenderer _renderer = null!;
    private AssistantTemplate _tutor = null!;
    private Dictionary<string, string> _values = null!;

    [Params("python", "ubersetzung coach", "clear steps customers")]
    public string Query { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _catalog = TemplateCatalog.FromTemplates(TemplateGenerator.Create(10_000));
        _renderer = new TemplateRenderer(TimeProvider.System);
        _tutor = TemplateCatalog.BuiltIn.GetAsync("language-tutor").AsTask().GetAwaiter().GetResult()!;
        _values = new() { ["target_language"] = "Spanish" };
    }

    [Benchmark]
    public async Task<int> Search() => (await _catalog.SearchAsync(new TemplateQuery { Text = Query, Take = 20 })).Count;

    [Benchmark]
    public async Task<int> SearchWithTagAndCategory() => (await _catalog.SearchAsync(new TemplateQuery { Text = Query, Tags = ["clear"], Category = TemplateCategory.Technical, Take = 20 })).Count;

    [Benchmark]
    public int Render() => _renderer.Render(_tutor, _values, "Ada").SystemPrompt.Length;
}
