using System.IO.Compression;
using AssistantKit.TestUtils;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantKit.Export.Jobs.Tests;

/// <summary>Two servers sharing PostgreSQL and a result folder, as in production behind a load balancer.</summary>
public sealed class ClusterTests(JobDatabases databases, ITestOutputHelper output) : IClassFixture<JobDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoServers_ManyJobs_EachRunsExactlyOnce()
    {
        var (database, folder) = (await databases.CreateAsync("postgres"), databases.Folder());
        var (sourceA, sourceB) = (new TestConversationSource(), new TestConversationSource());
        await using var a = await ExportJobsTestHost.StartAsync(database, folder, sourceA, o => o.InstanceId = "node-a");
        await using var b = await ExportJobsTestHost.StartAsync(database, folder, sourceB, o => o.InstanceId = "node-b");
        IExportJobs[] nodes = [a.App.Services.GetRequiredService<IExportJobs>(), b.App.Services.GetRequiredService<IExportJobs>()];

        var queued = new List<ExportJob>();
        for (var i = 0; i < 24; i++)
        {
            queued.Add(await nodes[i % 2].EnqueueAsync(new ExportJobRequest("ada", TestConversationSource.Ids(4), new ExportOptions()), Ct));
        }

        var finished = new List<ExportJob>();
        foreach (var job in queued)
        {
            finished.Add(await nodes[1].FinishedAsync("ada", job.Id));
        }

        Assert.All(finished, j => Assert.Equal((ExportJobState.Succeeded, 1, 4), (j.State, j.Attempts, j.Done)));
        Assert.Equal(24 * 4, sourceA.Reads + sourceB.Reads); // every conversation of every job read once: no job ran twice
        Assert.True(sourceA.Reads > 0 && sourceB.Reads > 0, $"Both servers should share the work (a: {sourceA.Reads}, b: {sourceB.Reads}).");
        Assert.Equal(24, Directory.GetFiles(folder, "*.zip", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task FrontEndThatDoesNotRunJobs_QueuesThem_AndAWorkerRunsThem()
    {
        var (database, folder) = (await databases.CreateAsync("postgres"), databases.Folder());
        var (front, worker) = (new TestConversationSource(), new TestConversationSource());
        await using var frontEnd = await ExportJobsTestHost.StartAsync(database, folder, front, o => (o.InstanceId, o.RunJobs) = ("front", false));
        await using var workerNode = await ExportJobsTestHost.StartAsync(database, folder, worker, o => o.InstanceId = "worker");
        var jobs = frontEnd.App.Services.GetRequiredService<IExportJobs>();

        var queued = new List<ExportJob>();
        for (var i = 0; i < 6; i++)
        {
            queued.Add(await jobs.EnqueueAsync(new ExportJobRequest("ada", TestConversationSource.Ids(3), new ExportOptions()), Ct));
        }

        foreach (var job in queued)
        {
            Assert.Equal(ExportJobState.Succeeded, (await jobs.FinishedAsync("ada", job.Id)).State);
        }

        Assert.Equal((0, 18), (front.Reads, worker.Reads));
        var (_, content) = (await jobs.OpenResultAsync("ada", queued[0].Id, Ct))!.Value; // the front end serves results
        await content.DisposeAsync();
    }

    [Fact]
    public async Task ServerKilledMidJob_AnotherServerRunsItAgain_AndOneResultIsPublished()
    {
        var (database, folder) = (await databases.CreateAsync("postgres"), databases.Folder());
        const int conversations = 60;
        using var doomed = ExportJobsTestNode.Start(database, folder, "node-doomed", "--delay-ms", "100", "--enqueue", $"{conversations}");
        var jobId = await doomed.ReadLineAsync("job ", Ct);
        await using var survivor = await ExportJobsTestHost.StartAsync(database, folder, new TestConversationSource { Delay = TimeSpan.FromMilliseconds(10) }, o => o.InstanceId = "node-survivor");
        var jobs = survivor.App.Services.GetRequiredService<IExportJobs>();
        await ExportJobsTests.Until(async () => (await jobs.GetAsync("ada", jobId, Ct))!.Done >= 5);

        await doomed.KillAsync(); // no shutdown: the job is left running in the database
        var killedAt = DateTimeOffset.UtcNow;
        var job = await jobs.FinishedAsync("ada", jobId, TimeSpan.FromSeconds(90));

        Assert.Equal((ExportJobState.Succeeded, 2, conversations, 0), (job.State, job.Attempts, job.Done, job.Failed));
        output.WriteLine($"Killed at {killedAt:O}; the survivor started the job again {(job.StartedAt!.Value - killedAt).TotalSeconds:0.0} s later (check-in 1 s, misfire threshold 2 s).");
        Assert.True(job.StartedAt > killedAt);
        // One result. The killed server's half-written file is still there under a temporary name no key can reach
        // (the retention sweep removes it); it was never published.
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToLookup(f => Path.GetFileName(f).StartsWith(".writing-", StringComparison.Ordinal));
        Assert.Equal([Path.Combine(folder, "jobs", $"{jobId}.zip")], files[false]);
        Assert.InRange(files[true].Count(), 0, 1);
        var (_, content) = (await jobs.OpenResultAsync("ada", jobId, Ct))!.Value;
        await using (content)
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read);
            Assert.Equal(conversations + 1, zip.Entries.Count);
        }
    }
}
