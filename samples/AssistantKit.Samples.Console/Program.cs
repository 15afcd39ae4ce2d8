// AssistantKit quick tour: load a conversation, export it to every format, then export a batch as a ZIP.
// Usage: dotnet run --project samples/AssistantKit.Samples.Console [-- <output directory>]
using AssistantKit;
using AssistantKit.Export;
using AssistantKit.Serialization;
using Microsoft.Extensions.DependencyInjection;

var outputDirectory = Path.GetFullPath(args.Length > 0 ? args[0] : "out");
Directory.CreateDirectory(outputDirectory);

var services = new ServiceCollection();
services.AddAssistantKit();
await using var provider = services.BuildServiceProvider();
var exporter = provider.GetRequiredService<IConversationExporter>();

await using var resource = typeof(Program).Assembly.GetManifestResourceStream("sample-conversation.json")!;
var conversation = await ConversationJson.ReadAsync(resource, "sample-conversation.json");
Console.WriteLine($"Loaded \"{conversation.Title}\" with {conversation.Messages.Count} messages.");

foreach (var format in exporter.Formats.Order(StringComparer.Ordinal))
{
    var options = new ExportOptions
    {
        Format = format,
        IncludeMetadata = true,
        IncludeUserInfo = true,
        TimeZone = "Europe/Berlin",
        Culture = format == ExportFormats.Markdown ? "de" : "en",
    };
    var result = await exporter.ExportToDirectoryAsync(conversation, options, outputDirectory);
    Console.WriteLine($"  {format,-9} {result.FileName,-48} {result.BytesWritten,8:N0} bytes  {result.MessagesWritten} messages");
}

var batch = Enumerable.Range(1, 3).Select(i => conversation with { Id = $"{conversation.Id}-{i}", Title = $"{conversation.Title} (copy {i})" });
var zipPath = Path.Combine(outputDirectory, "batch.zip");
await using (var zip = File.Create(zipPath))
{
    var result = await exporter.ExportBatchAsync(batch.ToAsyncEnumerable(), new ExportOptions { Format = ExportFormats.Html }, zip);
    Console.WriteLine($"  batch     {Path.GetFileName(zipPath),-48} {result.Succeeded} exported, {result.Failed} failed");
}

Console.WriteLine($"Files are in {outputDirectory}");
