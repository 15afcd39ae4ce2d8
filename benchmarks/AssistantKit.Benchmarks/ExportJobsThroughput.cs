using System.Diagnostics;
using System.Globalization;
using AssistantKit.Export;
using AssistantKit.TestUtils;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantKit.Benchmarks;

/// <summary>
/// Export jobs through the queue on real PostgreSQL, against exporting the same conversations directly:
/// <c>export-jobs [jobs] [conversations per job] [rounds] [format]</c> and <c>export-jobs-recovery [rounds] [checkin-ms] [threshold-ms]</c>.
/// Jobs are queued by a front end in this process that runs none (<c>RunJobs = false</c>); one or two worker servers,
/// each a process of its own (AssistantKit.Export.Jobs.TestNode, 2 jobs at a time), run them.
/// </summary>
internal static class ExportJobsThroughput
{
    public static async Task RunAsync(string[] args)
    {
        var jobs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
        var perJob = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 25;
        var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
        var format = args.Length > 4 ? args[4] : ExportFormats.Json;
        await using var postgres = await PostgresServer.StartAsync();
        var results = new Dictionary<string, List<double>> { ["direct"] = [], ["1 node"] = [], ["2 nodes"] = [] };
        for (var round = 0; round < rounds; round++)
        {
            results["direct"].Add(await DirectAsync(jobs, perJob, format));
            results["1 node"].Add(await QueuedAsync(postgres, jobs, perJob, 1, format));
            results["2 nodes"].Add(await QueuedAsync(postgres, jobs, perJob, 2, format));
        }

        var direct = Median(results["direct"]);
        Console.WriteLine($"export-jobs: {jobs} jobs × {perJob} conversations ({format}, 20 messages each), {Environment.ProcessorCount} cores, {rounds} rounds, medians:");
        foreach (var (name, seconds) in results)
        {
            var median = Median(seconds);
            Console.WriteLine($"  {name,-8} {median,6:0.00} s  {jobs / median,7:0.0} jobs/s  {jobs * perJob / median,8:0} conversations/s  ({median / direct:0.00}× direct)  rounds: {string.Join(", ", seconds.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))}");
        }
    }

    public static async Task RecoveryAsync(string[] args)
    {
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var checkin = args.Length > 2 ? args[2] : "5000";
        var threshold = args.Length > 3 ? args[3] : "5000";
        await using var postgres = await PostgresServer.StartAsync();
        var times = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var (database, folder) = (await postgres.CreateDatabaseAsync(), Directory.CreateTempSubdirectory("ak-bench-jobs-").FullName);
            await using var front = await ExportJobsTestHost.StartAsync(database, folder, new TestConversationSource(), o => (o.InstanceId, o.RunJobs) = ("front", false));
            var jobs = front.App.Services.GetRequiredService<IExportJobs>();
            using var doomed = ExportJobsTestNode.Start(database, folder, "doomed", "--delay-ms", "100", "--checkin-ms", checkin, "--threshold-ms", threshold);
            await doomed.ReadLineAsync("ready");
            var job = await jobs.EnqueueAsync(new ExportJobRequest("ada", TestConversationSource.Ids(100), new ExportOptions()));
            while ((await jobs.GetAsync("ada", job.Id))!.Done < 5)
            {
                await Task.Delay(20);
            }

            using var survivor = ExportJobsTestNode.Start(database, folder, "survivor", "--delay-ms", "1", "--checkin-ms", checkin, "--threshold-ms", threshold);
            await survivor.ReadLineAsync("ready");
            await doomed.KillAsync();
            var killedAt = DateTimeOffset.UtcNow;
            ExportJob current;
            while ((current = (await jobs.GetAsync("ada", job.Id))!).Attempts < 2)
            {
                await Task.Delay(20);
            }

            times.Add((current.StartedAt!.Value - killedAt).TotalSeconds);
            while (!(await jobs.GetAsync("ada", job.Id))!.IsFinished)
            {
                await Task.Delay(20);
            }

            Directory.Delete(folder, recursive: true);
        }

        Console.WriteLine($"export-jobs-recovery: check-in {checkin} ms, misfire threshold {threshold} ms: a killed server's job restarted elsewhere after {Median(times):0.0} s (median; {string.Join(", ", times.Select(s => s.ToString("0.0", CultureInfo.InvariantCulture)))} s)");
    }

    /// <summary>The same work without the queue: each job's conversations exported as one batch, two at a time (as a worker runs them).</summary>
    private static async Task<double> DirectAsync(int jobs, int perJob, string format)
    {
        var exporter = format == ExportFormats.Pdf ? PdfBenchmarks.CreateExporter() : ExporterFactory.Create();
        var source = new TestConversationSource { MessagesPerConversation = 20 };
        var ids = TestConversationSource.Ids(perJob);
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (_, ct) =>
        {
            var path = Path.GetTempFileName();
            await using (var file = File.Create(path))
            {
                await exporter.ExportBatchAsync(ids, (id, c) => source.GetAsync("ada", id, c), new ExportOptions { Format = format }, file, cancellationToken: ct);
            }

            File.Delete(path);
        });
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<double> QueuedAsync(PostgresServer postgres, int jobs, int perJob, int nodes, string format)
    {
        var (database, folder) = (await postgres.CreateDatabaseAsync(), Directory.CreateTempSubdirectory("ak-bench-jobs-").FullName);
        await using var front = await ExportJobsTestHost.StartAsync(database, folder, new TestConversationSource(), o => (o.InstanceId, o.RunJobs) = ("front", false));
        var workers = Enumerable.Range(1, nodes).Select(i => ExportJobsTestNode.Start(database, folder, $"worker-{i}", "--messages", "20")).ToList();
        try
        {
            foreach (var worker in workers)
            {
                await worker.ReadLineAsync("ready");
            }

            var queue = front.App.Services.GetRequiredService<IExportJobs>();
            var ids = TestConversationSource.Ids(perJob);
            // Warm-up: one job per worker through the whole path, so the clock starts with every scheduler running.
            var warmUp = new List<string>();
            for (var i = 0; i < nodes * 2; i++)
            {
                warmUp.Add((await queue.EnqueueAsync(new ExportJobRequest("warm-up", ids, new ExportOptions()))).Id);
            }

            foreach (var id in warmUp)
            {
                await queue.FinishedAsync("warm-up", id);
            }

            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < jobs; i++)
            {
                await queue.EnqueueAsync(new ExportJobRequest("ada", ids, new ExportOptions { Format = format }));
            }

            var enqueued = stopwatch.Elapsed.TotalSeconds;
            while ((await queue.ListAsync("ada", 500)).Count(j => j.IsFinished) < jobs)
            {
                await Task.Delay(10);
            }

            var seconds = stopwatch.Elapsed.TotalSeconds;
            var all = await queue.ListAsync("ada", 500);
            var runs = all.Select(j => (j.FinishedAt!.Value - j.StartedAt!.Value).TotalMilliseconds).Order().ToList();
            var waits = all.Select(j => (j.StartedAt!.Value - j.CreatedAt).TotalMilliseconds).Order().ToList();
            Console.WriteLine($"    {nodes} node(s): {jobs} queued in {enqueued:0.00} s; a job ran {runs[runs.Count / 2]:0} ms and waited {waits[waits.Count / 2]:0} ms (medians)");
            var failed = (await queue.ListAsync("ada", 500)).Count(j => j.State != ExportJobState.Succeeded);
            if (failed > 0)
            {
                throw new InvalidOperationException($"{failed} jobs did not succeed.");
            }

            return seconds;
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
