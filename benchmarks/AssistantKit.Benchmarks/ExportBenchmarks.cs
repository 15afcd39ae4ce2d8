using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AssistantKit.Export;
using AssistantKit.TestUtils;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using CsvHelper;
using Markdig;

namespace AssistantKit.Benchmarks;

/// <summary>
/// Each format against a baseline that does the least work a hand-written exporter could get away with, over the
/// same messages (about 1 KB of Markdown each, mixed languages, fixed seed), written to Stream.Null.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 9)]
public class ExportBenchmarks
{
    private Conversation _conversation = null!;
    private IConversationExporter _exporter = null!;
    private JsonSerializerOptions _rawOptions = null!;

    [Params(10_000, 100_000)]
    public int Messages { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _conversation = SampleConversations.Create(Messages);
        _exporter = ExporterFactory.Create();
        // What a hand-written export would do: reflection-based JsonSerializer, camelCase, readable non-ASCII text.
        _rawOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };
    }

    [Benchmark(Baseline = true), BenchmarkCategory("json")]
    public Task Json_RawJsonSerializer() => JsonSerializer.SerializeAsync(Stream.Null, _conversation.Messages, _rawOptions);

    [Benchmark, BenchmarkCategory("json")]
    public Task<ExportResult> Json_AssistantKit() => Export(ExportFormats.Json);

    [Benchmark(Baseline = true), BenchmarkCategory("csv")]
    public async Task Csv_RawCsvHelper()
    {
        var csv = CsvWriter.Create(Stream.Null, new CsvWriterOptions(), leaveOpen: true);
        await using (csv)
        {
            csv.WriteHeader(["conversation_id", "conversation_title", "message_id", "parent_id", "role", "author", "timestamp", "content", "parts", "model", "input_tokens", "output_tokens", "total_tokens"]);
            foreach (var m in _conversation.Messages)
            {
                csv.WriteField(_conversation.Id);
                csv.WriteField(_conversation.Title);
                csv.WriteField(m.Id);
                csv.WriteField(m.ParentId);
                csv.WriteField(m.Role.ToString());
                csv.WriteField(m.AuthorName);
                csv.WriteField(m.CreatedAt?.ToString("O", CultureInfo.InvariantCulture));
                csv.WriteField(m.Content);
                csv.WriteField("");
                csv.WriteField(m.Model);
                csv.WriteField(m.Usage?.InputTokens?.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(m.Usage?.OutputTokens?.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(m.Usage?.TotalTokens?.ToString(CultureInfo.InvariantCulture));
                csv.EndRecord();
            }

            await csv.FlushAsync();
        }
    }

    [Benchmark, BenchmarkCategory("csv")]
    public Task<ExportResult> Csv_AssistantKit() => Export(ExportFormats.Csv);

    [Benchmark(Baseline = true), BenchmarkCategory("markdown")]
    public async Task Markdown_RawTextWriter()
    {
        var writer = new StreamWriter(Stream.Null, new UTF8Encoding(false), 64 * 1024);
        await using (writer)
        {
            await writer.WriteLineAsync(_conversation.Title);
            foreach (var m in _conversation.Messages)
            {
                await writer.WriteLineAsync($"### {m.Role} · {m.AuthorName} · {m.CreatedAt:O}");
                await writer.WriteLineAsync(m.Content);
                await writer.WriteLineAsync();
            }
        }
    }

    [Benchmark, BenchmarkCategory("markdown")]
    public Task<ExportResult> Markdown_AssistantKit() => Export(ExportFormats.Markdown);

    /// <summary>What a hand-written plain-text export that renders the Markdown costs at least: Markdig per message.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("txt")]
    public Task Txt_RawMarkdigToPlainText() => WriteWithMarkdig(static (markdown, writer, pipeline) => Markdown.ToPlainText(markdown, writer, pipeline));

    [Benchmark, BenchmarkCategory("txt")]
    public Task<ExportResult> Txt_AssistantKit() => Export(ExportFormats.Text);

    /// <summary>What a hand-written HTML export costs at least: Markdig per message.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("html")]
    public Task Html_RawMarkdigToHtml() => WriteWithMarkdig(static (markdown, writer, pipeline) => Markdown.ToHtml(markdown, writer, pipeline));

    [Benchmark, BenchmarkCategory("html")]
    public Task<ExportResult> Html_AssistantKit() => Export(ExportFormats.Html);

    private async Task WriteWithMarkdig(Action<string, TextWriter, MarkdownPipeline> render)
    {
        var writer = new StreamWriter(Stream.Null, new UTF8Encoding(false), 64 * 1024);
        await using (writer)
        {
            var pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();
            foreach (var m in _conversation.Messages)
            {
                render(m.Content, writer, pipeline);
            }
        }
    }

    private Task<ExportResult> Export(string format) =>
        _exporter.ExportAsync(_conversation, new ExportOptions { Format = format, IncludeMetadata = true, IncludeUserInfo = true }, Stream.Null);
}
