using System.Diagnostics;
using AssistantKit;
using AssistantKit.Export;
using AssistantKit.TestUtils;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/AssistantKit.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/AssistantKit.Benchmarks -- streaming-memory [messages] [format]
// dotnet run -c Release --project benchmarks/AssistantKit.Benchmarks -- import-memory [conversations]
// dotnet run -c Release --project benchmarks/AssistantKit.Benchmarks -- template-search
// dotnet run -c Release --project benchmarks/AssistantKit.Benchmarks -- pdf-memory [messages]
// dotnet run -c Release --project benchmarks/AssistantKit.Benchmarks -- pdf-concurrent [messages] [exports] [rounds]
// dotnet run -c Release --project benchmarks/AssistantKit.Benchmarks -- export-jobs [jobs] [conversations-per-job] [rounds] [format]
// dotnet run -c Release --project benchmarks/AssistantKit.Benchmarks -- export-jobs-recovery [rounds] [checkin-ms] [threshold-ms]
if (args.Length > 0 && args[0] == "export-jobs")
{
    await AssistantKit.Benchmarks.ExportJobsThroughput.RunAsync(args);
    return;
}

if (args.Length > 0 && args[0] == "export-jobs-recovery")
{
    await AssistantKit.Benchmarks.ExportJobsThroughput.RecoveryAsync(args);
    return;
}

if (args.Length > 0 && args[0] == "pdf-concurrent")
{
    var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500;
    var exports = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 4;
    var rounds = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5;
    var exporter = AssistantKit.Benchmarks.PdfBenchmarks.CreateExporter();
    var conversation = SampleConversations.Create(count);
    var options = new ExportOptions { Format = "pdf", IncludeTimestamps = true };
    await exporter.ExportAsync(conversation, options, Stream.Null); // warm-up
    var alone = new List<double>();
    var together = new List<double>();
    for (var round = 0; round < rounds; round++)
    {
        var stopwatch = Stopwatch.StartNew();
        await exporter.ExportAsync(conversation, options, Stream.Null);
        alone.Add(count / stopwatch.Elapsed.TotalSeconds);
        stopwatch.Restart();
        await Task.WhenAll(Enumerable.Range(0, exports).Select(_ => Task.Run(() => exporter.ExportAsync(conversation, options, Stream.Null))));
        together.Add(exports * count / stopwatch.Elapsed.TotalSeconds);
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
    Console.WriteLine($"pdf: {count:N0} messages per export, {Environment.ProcessorCount} cores, {rounds} rounds: one export alone {Median(alone):N0} messages/s; {exports} at once {Median(together):N0} messages/s in total ({Median(together) / Median(alone):N2}x)");
    return;
}

if (args.Length > 0 && args[0] == "pdf-memory")
{
    // "pdf-memory N types": also samples allocations by type (the runtime's allocation ticks, about one per 100 KB).
    using var ticks = args.Length > 2 && args[2] == "types" ? new AssistantKit.Benchmarks.AllocationSampler() : null;
    var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
    var exporter = AssistantKit.Benchmarks.PdfBenchmarks.CreateExporter();
    var path = Path.Combine(Path.GetTempPath(), $"assistantkit-bench-{count}.pdf");
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var stopwatch = Stopwatch.StartNew();
    ExportResult result;
    await using (var file = File.Create(path))
    {
        result = await exporter.ExportAsync(SampleConversations.Header(), SampleConversations.MessagesAsync(count), new ExportOptions { Format = "pdf", IncludeTimestamps = true }, file);
    }

    stopwatch.Stop();
    var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    long peak;
    using (var self = Process.GetCurrentProcess())
    {
        peak = self.PeakWorkingSet64; // before the file is read back to count pages
    }

    var bytes = await File.ReadAllBytesAsync(path);
    var pages = System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(bytes), @"/Type /Page\b(?!s)");
    File.Delete(path);
    var seconds = stopwatch.Elapsed.TotalSeconds;
    Console.WriteLine($"pdf: {count:N0} messages, {pages:N0} pages, {bytes.Length / 1e6:N1} MB in {seconds:N1} s = {pages / seconds:N0} pages/s, {count / seconds:N0} messages/s; peak working set {peak / 1e6:N0} MB; allocated {allocated / 1e3 / count:N0} KB per message; warnings {result.Warnings.Count}");
    ticks?.Print(15);
    return;
}

// dotnet run -c Release --project benchmarks/AssistantKit.Benchmarks -- realtime-latency [clients] [events/s] [seconds] [redis]
if (args.Length > 0 && args[0] == "realtime-latency")
{
    int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    await using var redis = args.Length > 4 && args[4] == "redis" ? await RedisServer.StartAsync() : null;
    await using var fanOut = await AssistantKit.Benchmarks.FanOut.StartAsync(Arg(1, 1000), redis);
    Console.WriteLine(await fanOut.MeasureLatencyAsync(Arg(2, 200), Arg(3, 10)));
    return;
}

// dotnet run -c Release --project benchmarks/AssistantKit.Benchmarks -- realtime-load [clients] [events/s] [seconds] [rounds] [redis]
// (clients in this process, both servers in a second one it starts: realtime-load-server)
if (args.Length > 0 && args[0] == "realtime-load-server")
{
    await AssistantKit.Benchmarks.RealtimeLoadComparison.ServeAsync(redis: args.Contains("redis"));
    return;
}

if (args.Length > 0 && args[0] == "realtime-load")
{
    int Arg(int i, int fallback) => args.Length > i && int.TryParse(args[i], System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : fallback;
    Console.WriteLine(await AssistantKit.Benchmarks.RealtimeLoadComparison.RunAsync(Arg(1, 100), Arg(2, 2000), Arg(3, 10), Arg(4, 2), redis: args.Contains("redis")));
    return;
}

// dotnet run -c Release --project benchmarks/AssistantKit.Benchmarks -- realtime-vs-signalr [clients] [events/s] [seconds] [rounds]
if (args.Length > 0 && args[0] == "realtime-vs-signalr")
{
    int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    Console.WriteLine(await AssistantKit.Benchmarks.SignalRComparison.RunAsync(Arg(1, 1000), Arg(2, 200), Arg(3, 10), Arg(4, 3)));
    return;
}

if (args.Length > 0 && args[0] == "streaming-memory")
{
    var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
    var format = args.Length > 2 ? args[2] : ExportFormats.Json;
    var exporter = ExporterFactory.Create();
    var stopwatch = Stopwatch.StartNew();
    var result = await exporter.ExportAsync(SampleConversations.Header(), SampleConversations.MessagesAsync(count), new ExportOptions { Format = format, IncludeMetadata = true }, Stream.Null);
    stopwatch.Stop();
    using var process = Process.GetCurrentProcess();
    Console.WriteLine($"{format}: {result.MessagesWritten:N0} messages, {result.BytesWritten / 1e6:N0} MB in {stopwatch.Elapsed.TotalSeconds:N1} s " +
        $"({result.BytesWritten / 1e6 / stopwatch.Elapsed.TotalSeconds:N0} MB/s); peak working set {process.PeakWorkingSet64 / 1e6:N0} MB");
    return;
}

if (args.Length > 0 && args[0] == "import-memory")
{
    var conversations = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000;
    var path = Path.Combine(Path.GetTempPath(), $"assistantkit-import-{conversations}.json");
    ChatGptExportGenerator.Write(path, conversations, messages: 100);
    var reader = ImporterFactory.Create();
    var stopwatch = Stopwatch.StartNew();
    long messages = 0, read = 0;
    await foreach (var item in reader.ReadFilesAsync([path]))
    {
        read++;
        messages += item.Conversation?.Messages.Count ?? 0;
    }

    stopwatch.Stop();
    var size = new FileInfo(path).Length;
    File.Delete(path);
    using var process = Process.GetCurrentProcess();
    Console.WriteLine($"import: {size / 1e6:N0} MB, {read:N0} conversations, {messages:N0} messages in {stopwatch.Elapsed.TotalSeconds:N1} s " +
        $"({size / 1e6 / stopwatch.Elapsed.TotalSeconds:N0} MB/s, {read / stopwatch.Elapsed.TotalSeconds:N0} conversations/s); peak working set {process.PeakWorkingSet64 / 1e6:N0} MB");
    return;
}

// dotnet run -c Release --project benchmarks/AssistantKit.Benchmarks -- import-zip-memory [conversations] [image KB] [naive]
if (args.Length > 0 && args[0] == "import-zip-memory")
{
    // A ChatGPT export ZIP with one image per conversation, read by the reader (attachments resolved, one conversation at a
    // time) or, with "naive", as a hand-written importer would: parse conversations.json whole, then load every image.
    var conversations = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000;
    var imageBytes = (args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 500) * 1024;
    var naive = args.Length > 3 && args[3] == "naive";
    var path = Path.Combine(Path.GetTempPath(), $"assistantkit-import-{conversations}-{imageBytes}.zip");
    ChatGptExportGenerator.WriteZip(path, conversations, messages: 20, TestImages.NoisePng(imageBytes, seed: 7));
    var stopwatch = Stopwatch.StartNew();
    long read = 0, attachmentBytes = 0;
    if (naive)
    {
        using var archive = System.IO.Compression.ZipFile.OpenRead(path);
        using var document = await System.Text.Json.JsonDocument.ParseAsync(archive.GetEntry("conversations.json")!.Open());
        var images = new List<byte[]>();
        foreach (var entry in archive.Entries.Where(static e => e.Name.EndsWith(".png", StringComparison.Ordinal)))
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            images.Add(copy.ToArray());
        }

        read = document.RootElement.GetArrayLength();
        attachmentBytes = images.Sum(static i => (long)i.Length);
    }
    else
    {
        await foreach (var item in ImporterFactory.Create().ReadFilesAsync([path]))
        {
            read++;
            attachmentBytes += item.Conversation?.Messages.SelectMany(static m => m.Parts).OfType<AttachmentPart>().Sum(static a => (long)(a.Data?.Length ?? 0)) ?? 0;
        }
    }

    stopwatch.Stop();
    var size = new FileInfo(path).Length;
    File.Delete(path);
    using var process = Process.GetCurrentProcess();
    Console.WriteLine($"import zip{(naive ? " (naive)" : "")}: {size / 1e6:N0} MB, {read:N0} conversations, {attachmentBytes / 1e6:N0} MB of images in {stopwatch.Elapsed.TotalSeconds:N1} s " +
        $"({size / 1e6 / stopwatch.Elapsed.TotalSeconds:N0} MB/s); peak working set {process.PeakWorkingSet64 / 1e6:N0} MB");
    return;
}

if (args.Length > 0 && args[0] == "template-search")
{
    // Per-query latency percentiles (BenchmarkDotNet reports means and medians; this reports p50 and p99 per call).
    var catalog = AssistantKit.Templates.TemplateCatalog.FromTemplates(TemplateGenerator.Create(10_000));
    foreach (var text in new[] { "python", "ubersetzung coach", "clear steps customers", "kubernetes expert", "nothing-matches" })
    {
        var query = new AssistantKit.Templates.TemplateQuery { Text = text, Take = 20 };
        for (var i = 0; i < 200; i++)
        {
            await catalog.SearchAsync(query);
        }

        var samples = new double[2000];
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await catalog.SearchAsync(query);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(samples);
        Console.WriteLine($"{text,-24} p50 {samples[1000]:N3} ms   p99 {samples[1980]:N3} ms   hits {(await catalog.SearchAsync(query with { Take = int.MaxValue })).Count}");
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(AssistantKit.Benchmarks.ExportBenchmarks).Assembly).Run(args);
