using AssistantKit.Export.Jobs.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace AssistantKit.Export.Jobs;

/// <summary>Deletes jobs that ended more than <see cref="ExportJobsOptions.Retention"/> ago, their results, and results nobody's record names any more.</summary>
[DisallowConcurrentExecution]
internal sealed class ExportRetentionJob(ExportJobsDatabase database, IExportStorage storage, IOptions<ExportJobsOptions> options, ILogger<ExportRetentionJob> logger) : IJob
{
    public static readonly JobKey Key = new("retention", ExportJobsScheduler.JobGroup);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var cutoff = database.TimeProvider.GetUtcNow() - options.Value.Retention;
        var cutoffMs = cutoff.ToUnixTimeMilliseconds();
        var deleted = 0;
        while (true)
        {
            var expired = await database.RunAsync(db => db.Jobs.AsNoTracking().Where(j => j.FinishedAt != null && j.FinishedAt < cutoffMs)
                .OrderBy(static j => j.FinishedAt).Select(static j => new { j.Id, j.ResultKey }).Take(500).ToListAsync(cancellationToken)).ConfigureAwait(false);
            if (expired.Count == 0)
            {
                break;
            }

            foreach (var job in expired.Where(static j => j.ResultKey is not null))
            {
                await storage.DeleteAsync(job.ResultKey!, cancellationToken).ConfigureAwait(false);
            }

            var ids = expired.ConvertAll(static j => j.Id);
            var removed = await database.RunAsync(db => db.Jobs.Where(j => ids.Contains(j.Id)).ExecuteDeleteAsync(cancellationToken)).ConfigureAwait(false);
            deleted += removed;
            if (removed == 0)
            {
                break; // another server deleted them first; never spin on rows this sweep cannot remove
            }
        }

        var orphans = await storage.DeleteOlderThanAsync(cutoff, cancellationToken).ConfigureAwait(false);
        if (deleted + orphans > 0)
        {
            logger.LogInformation("Export retention: deleted {Jobs} jobs that ended before {Cutoff:O} and {Orphans} other results.", deleted, cutoff, orphans);
        }
    }
}
