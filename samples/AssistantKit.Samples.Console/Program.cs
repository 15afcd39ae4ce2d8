// AssistantKit quick tour: load a conversation, export it to every format and a batch ZIP, find and render a template,
// then run a realtime server and client in this process and print a few live events.
// Usage: dotnet run --project samples/AssistantKit.Samples.Console [-- <output directory>]
using System.Net;
using AssistantKit;
using AssistantKit.Export;
using AssistantKit.Realtime;
using AssistantKit.Serialization;
using AssistantKit.Templates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

// Templates: search the built-in catalog (German), render one with a variable.
var catalog = provider.GetRequiredService<ITemplateCatalog>();
var renderer = provider.GetRequiredService<TemplateRenderer>();
var found = await catalog.SearchAsync(new TemplateQuery { Text = "kunden", Culture = "de", Take = 3 });
Console.WriteLine($"Templates for \"kunden\": {string.Join(", ", found.Select(f => f.Template.Name))}");
var support = await catalog.GetAsync("customer-support-agent") ?? throw new InvalidOperationException("The built-in catalog has no customer-support-agent.");
var rendered = renderer.Render(support, new Dictionary<string, string> { ["company_name"] = "Contoso" });
Console.WriteLine($"  rendered: {rendered.SystemPrompt.Split('\n')[0]}");

// Realtime: a server on a free loopback port, a client that resumes after reconnects, three events.
var web = WebApplication.CreateSlimBuilder();
web.Logging.ClearProviders();
web.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
web.Services.AddAssistantKit().AddRealtime();
await using var app = web.Build();
app.UseWebSockets();
app.MapAssistantKitRealtime("/realtime");
await app.StartAsync();
var url = new Uri(app.Urls.First().Replace("http", "ws", StringComparison.Ordinal) + "/realtime");
await using var client = new RealtimeClient(new RealtimeClientOptions { Uri = url });
var received = new TaskCompletionSource();
var count = 0;
client.On<ActivityEvent>(RealtimeEventTypes.Activity, a =>
{
    Console.WriteLine($"  live: {a.Kind} — {a.Message}");
    if (++count == 3)
    {
        received.TrySetResult();
    }
});
await client.ConnectAsync();
Console.WriteLine($"Realtime client {client.State} to {url}");
var publisher = app.Services.GetRequiredService<IRealtimePublisher>();
foreach (var (kind, message) in new[] { ("conversation_started", "Ada started a chat"), ("export_completed", "Ada exported a PDF"), ("template_used", "Customer Support Agent answered") })
{
    await publisher.PublishActivityAsync(new ActivityEvent(Guid.NewGuid().ToString("N"), kind, message, DateTimeOffset.UtcNow, "ada", "Ada"));
}

await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
await app.StopAsync();
