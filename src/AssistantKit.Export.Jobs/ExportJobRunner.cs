using System.Text.Json;
using AssistantKit.Export.Jobs.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace AssistantKit.Export.Jobs;

/// <summary>
/// Runs one export job (a Quartz job that asks for recovery). Each run claims the record with a new attempt number and
/// may finish it only while that attempt is the latest, so when a server is taken for dead and its job runs again
/// elsewhere, one run publishes the result. The result appears in <see cref="IExportStorage"/> only when complete.
/// </summary>
internal sealed class ExportJobRunner(
    ExportJobsDatabase database,
    IConversationExporter exporter,
    IExportStorage storage,
    IConversationSource source,
    ExportProgressPublisher publisher,
    IOptions<ExportJobsOptions> options,
    ILogger<ExportJobRunner> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var jobId = context.MergedJobDataMap.GetString(ExportJobsScheduler.JobIdKey) ?? throw new JobExecutionException("The Quartz job has no export job id.");
        var claimed = await ClaimAsync(jobId, context.Scheduler.SchedulerInstanceId, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            logger.LogInformation("Export job {JobId} is not waiting to run (cancelled, finished or deleted); nothing to do.", jobId);
            return;
        }

        var job = ExportJobsDatabase.ToJob(claimed);
        logger.LogInformation("Export job {JobId} started, attempt {Attempt}{Recovering}.", jobId, claimed.Attempts, context.Recovering ? " (recovered from another server)" : "");
        await publisher.PublishAsync(job, cancellationToken).ConfigureAwait(false);

        var counter = new Counter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var checkpoints = new CancellationTokenSource();
        var checkpointing = CheckpointAsync(job, claimed.Attempts, counter, stop, checkpoints.Token);
        var key = QuartzExportJobs.ResultKey(jobId);
        ExportJob? finished = null;
        try
        {
            var ids = JsonSerializer.Deserialize(claimed.ConversationIdsJson, ExportJobsJsonContext.Default.StringArray) ?? [];
            var exportOptions = ExportJobsDatabase.DeserializeOptions(claimed.OptionsJson);
            var stored = await storage.SaveAsync(
                key,
                (stream, ct) => exporter.ExportBatchAsync(ids, (id, c) => source.GetAsync(job.OwnerId, id, c), exportOptions, stream, counter, ct),
                stop.Token).ConfigureAwait(false);
            await StopAsync(checkpoints, checkpointing).ConfigureAwait(false);
            finished = await FinishAsync(job, claimed.Attempts, ExportJobState.Succeeded, counter, null, stored).ConfigureAwait(false);
            if (finished is null)
            {
                // Cancelled while the last conversations were written, or superseded by a newer attempt: only a
                // cancelled job's result goes; a newer attempt writes the same key itself.
                if ((await CurrentAsync(jobId).ConfigureAwait(false))?.State == ExportJobState.Cancelled)
                {
                    await storage.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The server is shutting down: Quartz hands the firing back and another server (or this one, restarted)
            // runs the job again from the start. Nothing was stored.
            logger.LogInformation("Export job {JobId} interrupted by shutdown; it will run again.", jobId);
            throw;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            logger.LogInformation("Export job {JobId} stopped: cancelled by its owner or taken over by another attempt.", jobId);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Export job {JobId} failed.", jobId);
            finished = await FinishAsync(job, claimed.Attempts, ExportJobState.Failed, counter, Describe(ex), null).ConfigureAwait(false);
        }
        finally
        {
            await StopAsync(checkpoints, checkpointing).ConfigureAwait(false);
        }

        if ((finished ?? await CurrentAsync(jobId).ConfigureAwait(false)) is { } final)
        {
            await publisher.PublishAsync(final, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        ExportStorageException storageFailure => $"The result could not be stored: {storageFailure.Message}",
        ExportOptionsException or ExportJobsUnavailableException => ex.Message,
        JsonException => $"The job's record could not be read: {ex.Message}",
        _ => $"The export failed: {ex.Message}",
    };

    private async Task<ExportJobRow?> ClaimAsync(string jobId, string node, CancellationToken cancellationToken)
    {
        var now = database.Now;
        return await database.RunAsync(async db =>
        {
            var row = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken).ConfigureAwait(false);
            if (row is null || row.State is not (ExportJobState.Queued or ExportJobState.Running))
            {
                return null;
            }

            var attempt = row.Attempts + 1;
            var claimed = await db.Jobs
                .Where(j => j.Id == jobId && j.Attempts == row.Attempts && (j.State == ExportJobState.Queued || j.State == ExportJobState.Running))
                .ExecuteUpdateAsync(
                    s => s.SetProperty(j => j.Attempts, attempt).SetProperty(j => j.State, ExportJobState.Running).SetProperty(j => j.StartedAt, now)
                        .SetProperty(j => j.Node, node).SetProperty(j => j.Done, 0).SetProperty(j => j.Failed, 0),
                    cancellationToken).ConfigureAwait(false);
            if (claimed == 0)
            {
                return null;
            }

            row.Attempts = attempt;
            row.State = ExportJobState.Running;
            row.StartedAt = now;
            row.Node = node;
            row.Done = row.Failed = 0;
            return row;
        }).ConfigureAwait(false);
    }

    /// <summary>Saves progress and tells the owner every <see cref="ExportJobsOptions.ProgressInterval"/>; stops the run when its attempt is no longer the running one (cancelled or superseded).</summary>
    private async Task CheckpointAsync(ExportJob job, int attempt, Counter counter, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.ProgressInterval, database.TimeProvider);
        var (lastDone, lastFailed) = (0, 0);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var (done, failed) = (counter.Done, counter.Failed);
                try
                {
                    var current = await database.RunAsync(db => db.Jobs
                        .Where(j => j.Id == job.Id && j.Attempts == attempt && j.State == ExportJobState.Running)
                        .ExecuteUpdateAsync(s => s.SetProperty(j => j.Done, done).SetProperty(j => j.Failed, failed), cancellationToken)).ConfigureAwait(false);
                    if (current == 0)
                    {
                        await stop.CancelAsync().ConfigureAwait(false);
                        return;
                    }
                }
                catch (ExportJobsUnavailableException ex)
                {
                    logger.LogWarning(ex, "Could not save the progress of export job {JobId}; the export goes on.", job.Id);
                }

                if ((done, failed) != (lastDone, lastFailed))
                {
                    (lastDone, lastFailed) = (done, failed);
                    await publisher.PublishAsync(job with { Done = done, Failed = failed }, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static async Task StopAsync(CancellationTokenSource checkpoints, Task checkpointing)
    {
        await checkpoints.CancelAsync().ConfigureAwait(false);
        await checkpointing.ConfigureAwait(false);
    }

    /// <summary>Ends the job in <paramref name="state"/> if <paramref name="attempt"/> is still the running attempt.</summary>
    private async Task<ExportJob?> FinishAsync(ExportJob job, int attempt, ExportJobState state, Counter counter, string? error, ExportStorageItem? stored)
    {
        var now = database.Now;
        var (done, failed) = (counter.Done, counter.Failed);
        var changed = await database.RunAsync(db => db.Jobs
            .Where(j => j.Id == job.Id && j.Attempts == attempt && j.State == ExportJobState.Running)
            .ExecuteUpdateAsync(
                s => s.SetProperty(j => j.State, state).SetProperty(j => j.Done, done).SetProperty(j => j.Failed, failed).SetProperty(j => j.Error, error)
                    .SetProperty(j => j.ResultKey, stored == null ? null : stored.Key).SetProperty(j => j.ResultLength, stored == null ? null : stored.Length)
                    .SetProperty(j => j.FinishedAt, now),
                CancellationToken.None)).ConfigureAwait(false);
        return changed == 0 ? null : await CurrentAsync(job.Id).ConfigureAwait(false);
    }

    private async Task<ExportJob?> CurrentAsync(string jobId)
    {
        var row = await database.FindAsync(jobId).ConfigureAwait(false);
        return row is null ? null : ExportJobsDatabase.ToJob(row);
    }

    /// <summary>Counts finished conversations as the batch reports them.</summary>
    private sealed class Counter : IProgress<BatchItemResult>
    {
        private int _done;
        private int _failed;

        public int Done => Volatile.Read(ref _done);

        public int Failed => Volatile.Read(ref _failed);

        public void Report(BatchItemResult value)
        {
            if (!value.Succeeded)
            {
                Interlocked.Increment(ref _failed);
            }

            Interlocked.Increment(ref _done);
        }
    }
}
