using System.Text.Json;
using AssistantKit.Import;
using AssistantKit.TestUtils;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace AssistantKit.Benchmarks;

/// <summary>
/// Reading a ChatGPT-style export of 1,000 conversations × 100 messages (~110 MB): our importer (detect, stream, map
/// every message) against a baseline that only deserializes the same file element by element with System.Text.Json.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 7)]
public class ImportBenchmarks
{
    private string _path = null!;
    private IConversationReader _reader = null!;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), "assistantkit-bench-chatgpt.json");
        if (!File.Exists(_path))
        {
            ChatGptExportGenerator.Write(_path, conversations: 1000, messages: 100);
        }

        _reader = ImporterFactory.Create();
        Console.WriteLine($"// input: {new FileInfo(_path).Length / 1e6:N1} MB");
    }

    [Benchmark(Baseline = true)]
    public async Task<int> DeserializeOnly()
    {
        await using var stream = File.OpenRead(_path);
        var count = 0;
        await foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream))
        {
            count += element.ValueKind == JsonValueKind.Object ? 1 : 0;
        }

        return count;
    }

    [Benchmark]
    public async Task<int> AssistantKitImport()
    {
        var count = 0;
        await foreach (var item in _reader.ReadFilesAsync([_path]))
        {
            count += item.Conversation!.Messages.Count;
        }

        return count;
    }
}
