using AssistantKit.Export;
using AssistantKit.Export.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantKit.TestUtils;

/// <summary>
/// One server running export jobs: real Kestrel on 127.0.0.1 with the realtime endpoint (bearer-token users), the
/// exporter, a <see cref="TestConversationSource"/>, jobs in SQLite or PostgreSQL and results in a folder.
/// </summary>
public static class ExportJobsTestHost
{
    /// <summary>Starts a server; <paramref name="database"/> is a PostgreSQL connection string, or a SQLite file path ending in <c>.db</c>.</summary>
    public static Task<RealtimeTestServer> StartAsync(
        string database,
        string storage,
        TestConversationSource source,
        Action<ExportJobsOptions>? configure = null,
        Action<WebApplication>? configureApp = null,
        Action<IServiceCollection>? services = null,
        Action<AssistantKit.Realtime.IRealtimeBuilder>? realtime = null) =>
        RealtimeTestServer.StartAsync(
            requireAuthorization: true,
            realtime: realtime,
            services: s =>
            {
                s.AddAssistantKitCore().AddExport().AddPdfExport();
                s.AddSingleton<IConversationSource>(source);
                services?.Invoke(s);
                void Options(ExportJobsOptions o)
                {
                    o.StoragePath = storage;
                    o.ProgressInterval = TimeSpan.FromMilliseconds(100);
                    o.ClusterCheckinInterval = TimeSpan.FromSeconds(1);
                    o.ClusterCheckinMisfireThreshold = TimeSpan.FromSeconds(2);
                    configure?.Invoke(o);
                }

                if (database.EndsWith(".db", StringComparison.Ordinal))
                {
                    s.AddSqliteExportJobs($"Data Source={database}", Options);
                }
                else
                {
                    s.AddPostgreSqlExportJobs(database, Options);
                }
            },
            configureApp: configureApp,
            initialize: app => app.Services.MigrateExportJobsAsync()); // before the host starts: Quartz needs its tables when its scheduler starts

    /// <summary>Waits until the owner's job has finished, and returns it.</summary>
    public static async Task<ExportJob> FinishedAsync(this IExportJobs jobs, string ownerId, string jobId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var job = await jobs.GetAsync(ownerId, jobId) ?? throw new InvalidOperationException($"Job {jobId} of {ownerId} is gone.");
            if (job.IsFinished)
            {
                return job;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId} still {job.State} ({job.Done}/{job.Total}) after {timeout ?? TimeSpan.FromSeconds(60)}.");
            }

            await Task.Delay(50);
        }
    }
}
