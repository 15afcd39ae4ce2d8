using System.IO.Compression;
using System.Text.Json;
using AssistantKit.TestUtils;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantKit.Export.Jobs.Tests;

public sealed class ExportJobsTests(JobDatabases databases) : IClassFixture<JobDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(JobDatabases.Kinds), MemberType = typeof(JobDatabases))]
    public async Task Enqueue_MissingAndCorruptConversations_JobSucceedsWithThoseFailedInTheManifest(string kind)
    {
        var source = new TestConversationSource();
        await using var server = await ExportJobsTestHost.StartAsync(await databases.CreateAsync(kind), databases.Folder(), source);
        var jobs = server.App.Services.GetRequiredService<IExportJobs>();
        string[] ids = ["c-1", "missing-1", "c-2", "corrupt-1", "c-3"];

        var queued = await jobs.EnqueueAsync(new ExportJobRequest("ada", ids, new ExportOptions { Format = "markdown" }), Ct);
        var job = await jobs.FinishedAsync("ada", queued.Id);

        Assert.Equal(ExportJobState.Queued, queued.State);
        Assert.Equal((ExportJobState.Succeeded, 5, 5, 2, 1), (job.State, job.Total, job.Done, job.Failed, job.Attempts));
        var result = await jobs.OpenResultAsync("ada", job.Id, Ct);
        Assert.NotNull(result);
        await using var content = result.Value.Content;
        using var zip = new ZipArchive(content, ZipArchiveMode.Read);
        Assert.Equal(4, zip.Entries.Count); // three conversations and the manifest: what went in is what came out
        using var manifest = await JsonDocument.ParseAsync(zip.GetEntry("manifest.json")!.Open(), cancellationToken: Ct);
        var items = manifest.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(ids, items.Select(i => i.GetProperty("conversationId").GetString()));
        Assert.Equal(["ok", "failed", "ok", "failed", "ok"], items.Select(i => i.GetProperty("status").GetString()));
        Assert.Contains("not found", items[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("damaged on disk", items[3].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(job.ResultLength, result.Value.Content.Length);
    }

    [Theory]
    [MemberData(nameof(JobDatabases.Kinds), MemberType = typeof(JobDatabases))]
    public async Task Jobs_OfAnotherOwner_AreNeitherSeenNorTouched(string kind)
    {
        await using var server = await ExportJobsTestHost.StartAsync(await databases.CreateAsync(kind), databases.Folder(), new TestConversationSource());
        var jobs = server.App.Services.GetRequiredService<IExportJobs>();
        var mine = await jobs.EnqueueAsync(new ExportJobRequest("ada", ["c-1"], new ExportOptions()), Ct);
        await jobs.FinishedAsync("ada", mine.Id);

        Assert.Null(await jobs.GetAsync("bob", mine.Id, Ct));
        Assert.Empty(await jobs.ListAsync("bob", cancellationToken: Ct));
        Assert.False(await jobs.CancelAsync("bob", mine.Id, Ct));
        Assert.Null(await jobs.OpenResultAsync("bob", mine.Id, Ct));
        Assert.Equal([mine.Id], (await jobs.ListAsync("ada", cancellationToken: Ct)).Select(j => j.Id));
        var (_, content) = (await jobs.OpenResultAsync("ada", mine.Id, Ct))!.Value;
        await content.DisposeAsync();
    }

    [Fact]
    public async Task Enqueue_InvalidRequests_RefusedBeforeAnythingIsQueued()
    {
        await using var server = await ExportJobsTestHost.StartAsync(await databases.CreateAsync("sqlite"), databases.Folder(), new TestConversationSource());
        var jobs = server.App.Services.GetRequiredService<IExportJobs>();

        await Assert.ThrowsAsync<ArgumentException>(() => jobs.EnqueueAsync(new ExportJobRequest("ada", [], new ExportOptions()), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => jobs.EnqueueAsync(new ExportJobRequest("ada", ["c-1", " "], new ExportOptions()), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => jobs.EnqueueAsync(new ExportJobRequest("", ["c-1"], new ExportOptions()), Ct));
        await Assert.ThrowsAsync<ExportOptionsException>(() => jobs.EnqueueAsync(new ExportJobRequest("ada", ["c-1"], new ExportOptions { Format = "docx" }), Ct));
        await Assert.ThrowsAsync<ExportOptionsException>(() => jobs.EnqueueAsync(new ExportJobRequest("ada", ["c-1"], new ExportOptions { TimeZone = "Mars/Olympus" }), Ct));
        Assert.Empty(await jobs.ListAsync("ada", cancellationToken: Ct));
    }

    [Theory]
    [MemberData(nameof(JobDatabases.Kinds), MemberType = typeof(JobDatabases))]
    public async Task Cancel_RunningJob_StopsOnItsNextCheckpointAndStoresNothing(string kind)
    {
        var source = new TestConversationSource { Delay = TimeSpan.FromMilliseconds(50) };
        var folder = databases.Folder();
        await using var server = await ExportJobsTestHost.StartAsync(await databases.CreateAsync(kind), folder, source);
        var jobs = server.App.Services.GetRequiredService<IExportJobs>();
        var job = await jobs.EnqueueAsync(new ExportJobRequest("ada", TestConversationSource.Ids(400), new ExportOptions()), Ct);
        await Until(async () => (await jobs.GetAsync("ada", job.Id, Ct))!.Done > 3);

        Assert.True(await jobs.CancelAsync("ada", job.Id, Ct));
        var cancelled = await jobs.FinishedAsync("ada", job.Id);
        var readsAtCancel = source.Reads;
        await Task.Delay(500, Ct);

        Assert.Equal(ExportJobState.Cancelled, cancelled.State);
        Assert.False(await jobs.CancelAsync("ada", job.Id, Ct)); // already finished
        Assert.Null(await jobs.OpenResultAsync("ada", job.Id, Ct));
        Assert.InRange(source.Reads - readsAtCancel, 0, 10); // it stopped reading (within a checkpoint)
        Assert.True(source.Reads < 200, $"{source.Reads} reads: the job ran on after being cancelled.");
        Assert.Empty(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories));
    }

    /// <summary>
    /// The database dies while jobs run, then the server is stopped: Quartz retries completing each interrupted job
    /// until the database answers, so a shutdown that waited for running jobs hung (it held CI for 90 minutes once).
    /// </summary>
    [Theory]
    [InlineData(100)]
    [InlineData(800)]
    [InlineData(1500)]
    public async Task DatabaseDiesWhileJobsRun_TheServerStillStopsWithinSeconds(int killAfterMs)
    {
        var postgres = await PostgresServer.StartAsync();
        var server = await ExportJobsTestHost.StartAsync(await postgres.CreateDatabaseAsync(), databases.Folder(), new TestConversationSource { Delay = TimeSpan.FromMilliseconds(20) });
        var jobs = server.App.Services.GetRequiredService<IExportJobs>();
        for (var i = 0; i < 3; i++)
        {
            await jobs.EnqueueAsync(new ExportJobRequest("ada", TestConversationSource.Ids(30), new ExportOptions()), Ct);
        }

        await Task.Delay(killAfterMs, Ct);
        await postgres.DisposeAsync();
        await Task.Delay(1000, Ct);
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await server.DisposeAsync();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"The server took {stopping.Elapsed.TotalSeconds:0.0} s to stop.");
    }

    [Fact]
    public async Task GracefulShutdown_HandsTheRunningJobBack_AndItCompletesAfterTheRestart()
    {
        var (database, folder) = (await databases.CreateAsync("sqlite"), databases.Folder());
        string id;
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await using (var server = await ExportJobsTestHost.StartAsync(database, folder, new TestConversationSource { Delay = TimeSpan.FromMilliseconds(100) }))
        {
            var jobs = server.App.Services.GetRequiredService<IExportJobs>();
            id = (await jobs.EnqueueAsync(new ExportJobRequest("ada", TestConversationSource.Ids(200), new ExportOptions()), Ct)).Id;
            await Until(async () => (await jobs.GetAsync("ada", id, Ct))!.Done >= 3);
            stopping.Restart();
        }

        var stopped = stopping.Elapsed; // the shutdown did not wait for the 20-second export
        await using var restarted = await ExportJobsTestHost.StartAsync(database, folder, new TestConversationSource());
        var job = await restarted.App.Services.GetRequiredService<IExportJobs>().FinishedAsync("ada", id);

        Assert.True(stopped < TimeSpan.FromSeconds(10), $"Shutdown took {stopped}.");
        Assert.Equal((ExportJobState.Succeeded, 2, 200), (job.State, job.Attempts, job.Done));
        Assert.Single(Directory.GetFiles(folder, "*.zip", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task StorageFailure_FailsTheJobWithAClearError_AndPublishesNothing()
    {
        var blocked = Path.Combine(databases.Folder(), "a-file");
        await File.WriteAllTextAsync(blocked, "not a folder", Ct);
        await using var server = await ExportJobsTestHost.StartAsync(await databases.CreateAsync("sqlite"), Path.Combine(blocked, "exports"), new TestConversationSource());
        var jobs = server.App.Services.GetRequiredService<IExportJobs>();

        var job = await jobs.FinishedAsync("ada", (await jobs.EnqueueAsync(new ExportJobRequest("ada", ["c-1", "c-2"], new ExportOptions()), Ct)).Id);

        Assert.Equal(ExportJobState.Failed, job.State);
        Assert.StartsWith("The result could not be stored:", job.Error, StringComparison.Ordinal);
        Assert.Contains("jobs/", job.Error, StringComparison.Ordinal);
        Assert.Null(await jobs.OpenResultAsync("ada", job.Id, Ct));
    }

    [Fact]
    public async Task Retention_DeletesEndedJobsAndTheirResults()
    {
        var folder = databases.Folder();
        await using var server = await ExportJobsTestHost.StartAsync(await databases.CreateAsync("sqlite"), folder, new TestConversationSource(), o =>
        {
            o.Retention = TimeSpan.FromSeconds(2);
            o.RetentionSweepInterval = TimeSpan.FromSeconds(1);
        });
        var jobs = server.App.Services.GetRequiredService<IExportJobs>();
        var job = await jobs.FinishedAsync("ada", (await jobs.EnqueueAsync(new ExportJobRequest("ada", ["c-1"], new ExportOptions()), Ct)).Id);
        Assert.Single(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories));

        await Until(async () => await jobs.GetAsync("ada", job.Id, Ct) is null, TimeSpan.FromSeconds(15));

        Assert.Empty(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories));
    }

    internal static async Task Until(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out.");
            await Task.Delay(50);
        }
    }
}
