using System.IO.Compression;
using System.Text.Json;
using AssistantKit.Serialization;
using AssistantKit.TestUtils;
using static AssistantKit.Export.Tests.ExportTestHelpers;

namespace AssistantKit.Export.Tests.Batch;

public sealed class BatchExportTests
{
    [Fact]
    public async Task ExportBatchAsync_OneBadConversation_FailsOnlyThatOne()
    {
        var exporter = ExporterFactory.Create(static b => b.AddFormatter<PickyFormatter>());
        var conversations = new[]
        {
            SampleConversations.Create(3, "a"),
            SampleConversations.Create(3, "bad"),
            SampleConversations.Create(3, "c") with { Title = SampleConversations.Header().Title }, // same title as "a"
        };
        using var zip = new MemoryStream();

        var result = await exporter.ExportBatchAsync(conversations.ToAsyncEnumerable(), new ExportOptions { Format = "picky" }, zip, TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Succeeded);
        Assert.Equal(1, result.Failed);
        Assert.Equal("bad conversation", result.Items[1].Error);
        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        Assert.Equal(
            ["Planning the Q3 release — Grüße 2025-06-02 (2).txt", "Planning the Q3 release — Grüße 2025-06-02.txt", "manifest.json"],
            archive.Entries.Select(static e => e.FullName).Order(StringComparer.Ordinal));
        using var manifest = JsonDocument.Parse(archive.GetEntry("manifest.json")!.Open());
        var items = manifest.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["ok", "failed", "ok"], items.Select(static i => i.GetProperty("status").GetString()));
        Assert.Equal("bad conversation", items[1].GetProperty("error").GetString());
    }

    [Fact]
    public async Task ExportBatchAsync_Json_EveryEntryReimports()
    {
        var conversations = Enumerable.Range(0, 25).Select(static i => SampleConversations.Create(4, $"conv-{i}") with { Title = $"Chat {i % 5}" });
        using var zip = new MemoryStream();

        var result = await Exporter.ExportBatchAsync(conversations.ToAsyncEnumerable(), new ExportOptions(), zip, TestContext.Current.CancellationToken);

        Assert.Equal(25, result.Succeeded);
        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        var ids = new HashSet<string>();
        foreach (var entry in archive.Entries.Where(static e => e.Name != "manifest.json"))
        {
            await using var stream = entry.Open();
            ids.Add((await ConversationJson.ReadAsync(stream, entry.Name, TestContext.Current.CancellationToken)).Id);
        }

        Assert.Equal(25, ids.Count);
    }

    [Fact]
    public async Task ExportBatchAsync_Cancelled_StopsPromptly()
    {
        using var cts = new CancellationTokenSource();
        var produced = 0;

        async IAsyncEnumerable<Conversation> Endless()
        {
            while (true)
            {
                if (++produced == 5)
                {
                    await cts.CancelAsync();
                }

                yield return SampleConversations.Create(2, $"c{produced}");
                await Task.Yield();
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Exporter.ExportBatchAsync(Endless(), new ExportOptions(), Stream.Null, cts.Token));
        Assert.InRange(produced, 5, 6);
    }

    /// <summary>Fails on the conversation with id "bad", after writing part of it.</summary>
    internal sealed class PickyFormatter : IExportFormatter
    {
        public string Format => "picky";

        public string ContentType => "text/plain";

        public string FileExtension => "txt";

        public async Task WriteAsync(ExportContext context, Stream destination, CancellationToken cancellationToken)
        {
            await destination.WriteAsync("partial "u8.ToArray(), cancellationToken);
            if (context.Conversation.Id == "bad")
            {
                throw new InvalidDataException("bad conversation");
            }

            await foreach (var message in context.Messages.WithCancellation(cancellationToken))
            {
                await destination.WriteAsync(System.Text.Encoding.UTF8.GetBytes(message.Content), cancellationToken);
            }
        }
    }
}
