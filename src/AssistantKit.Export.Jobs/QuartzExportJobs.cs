using System.Text.Json;
using AssistantKit.Export.Jobs.Persistence;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace AssistantKit.Export.Jobs;

/// <summary>
/// <see cref="IExportJobs"/> on Quartz.NET: a job's record is a row of <c>ak_export_jobs</c>; running it is a Quartz job
/// that asks for recovery, so when its server dies another server of the cluster runs it again.
/// </summary>
internal sealed class QuartzExportJobs(ExportJobsDatabase database, ExportJobsScheduler scheduler, IConversationExporter exporter, IExportStorage storage, ExportProgressPublisher progress) : IExportJobs
{
    public Task<ExportJob> EnqueueAsync(ExportJobRequest request, CancellationToken cancellationToken = default) =>
        EnqueueAsync(request, Guid.NewGuid().ToString("N"), null, cancellationToken);

    /// <summary>Queues a job under a given id; a second call with the same id returns the job the first one queued.</summary>
    internal async Task<ExportJob> EnqueueAsync(ExportJobRequest request, string id, string? scheduleId, CancellationToken cancellationToken)
    {
        Validate(request);
        var row = new ExportJobRow
        {
            Id = id,
            OwnerId = request.OwnerId,
            State = ExportJobState.Queued,
            Format = request.Options.Format,
            OptionsJson = ExportJobsDatabase.Serialize(request.Options),
            ConversationIdsJson = JsonSerializer.Serialize(request.ConversationIds.ToArray(), ExportJobsJsonContext.Default.StringArray),
            Total = request.ConversationIds.Count,
            ScheduleId = scheduleId,
            CreatedAt = database.Now,
        };
        var existing = await database.RunAsync(async db =>
        {
            if (await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken).ConfigureAwait(false) is { } found)
            {
                return found;
            }

            db.Jobs.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (DbUpdateException e) when (!ExportJobsDatabase.IsUnavailable(e))
            {
                // Queued meanwhile by a concurrent call with the same id (a schedule's occurrence run twice)?
                if (await database.FindAsync(id, cancellationToken: CancellationToken.None).ConfigureAwait(false) is { } raced)
                {
                    return raced;
                }

                throw;
            }
        }).ConfigureAwait(false);
        if (existing is not null)
        {
            return ExportJobsDatabase.ToJob(existing);
        }

        try
        {
            var quartz = await scheduler.GetAsync(cancellationToken).ConfigureAwait(false);
            var job = JobBuilder.Create<ExportJobRunner>()
                .WithIdentity(id, ExportJobsScheduler.JobGroup)
                .UsingJobData(ExportJobsScheduler.JobIdKey, id)
                .RequestRecovery()
                .Build();
            var trigger = TriggerBuilder.Create().WithIdentity(id, ExportJobsScheduler.JobGroup).StartNow().Build();
            await quartz.ScheduleJob(job, trigger, default, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Not queued: take the record back, so nobody waits for a job that will never run.
            try
            {
                await database.RunAsync(db => db.Jobs.Where(j => j.Id == id).ExecuteDeleteAsync(CancellationToken.None)).ConfigureAwait(false);
            }
            catch (ExportJobsUnavailableException)
            {
                // The database went away between the two calls; the retention sweep removes the record later.
            }

            if (ex is SchedulerException or ExportJobsUnavailableException || ExportJobsDatabase.IsUnavailable(ex))
            {
                throw new ExportJobsUnavailableException($"The export job could not be queued: {ex.GetBaseException().Message}", ex);
            }

            throw;
        }

        var queued = ExportJobsDatabase.ToJob(row);
        await progress.PublishAsync(queued, cancellationToken).ConfigureAwait(false);
        return queued;
    }

    public async Task<ExportJob?> GetAsync(string ownerId, string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ownerId);
        ArgumentNullException.ThrowIfNull(jobId);
        var row = await database.FindAsync(jobId, ownerId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ExportJobsDatabase.ToJob(row);
    }

    public async Task<IReadOnlyList<ExportJob>> ListAsync(string ownerId, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ownerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 500);
        var rows = await database.RunAsync(db => db.Jobs.AsNoTracking().Where(j => j.OwnerId == ownerId)
            .OrderByDescending(static j => j.CreatedAt).ThenByDescending(static j => j.Id).Take(limit)
            .ToListAsync(cancellationToken)).ConfigureAwait(false);
        return rows.ConvertAll(ExportJobsDatabase.ToJob);
    }

    public async Task<bool> CancelAsync(string ownerId, string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ownerId);
        ArgumentNullException.ThrowIfNull(jobId);
        var now = database.Now;
        var changed = await database.RunAsync(db => db.Jobs
            .Where(j => j.Id == jobId && j.OwnerId == ownerId && (j.State == ExportJobState.Queued || j.State == ExportJobState.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, ExportJobState.Cancelled).SetProperty(j => j.FinishedAt, now), cancellationToken)).ConfigureAwait(false);
        if (changed == 0)
        {
            return false;
        }

        // A job still waiting never starts; a running one sees the state at its next checkpoint, on whichever server it runs.
        try
        {
            var quartz = await scheduler.GetAsync(cancellationToken).ConfigureAwait(false);
            await quartz.UnscheduleJob(new TriggerKey(jobId, ExportJobsScheduler.JobGroup), cancellationToken).ConfigureAwait(false);
        }
        catch (SchedulerException)
        {
            // The record says cancelled, and the runner honours that whatever Quartz still holds.
        }

        if (await GetAsync(ownerId, jobId, cancellationToken).ConfigureAwait(false) is { } cancelled)
        {
            await progress.PublishAsync(cancelled, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public async Task<(ExportJob Job, Stream Content)?> OpenResultAsync(string ownerId, string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ownerId);
        ArgumentNullException.ThrowIfNull(jobId);
        var row = await database.FindAsync(jobId, ownerId, cancellationToken).ConfigureAwait(false);
        if (row is not { State: ExportJobState.Succeeded, ResultKey: { } key })
        {
            return null;
        }

        return await storage.OpenReadAsync(key, cancellationToken).ConfigureAwait(false) is { } result ? (ExportJobsDatabase.ToJob(row), result.Content) : null;
    }

    /// <summary>The storage key of a job's result.</summary>
    public static string ResultKey(string jobId) => $"jobs/{jobId}.zip";

    private void Validate(ExportJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.OwnerId, nameof(request.OwnerId));
        ArgumentNullException.ThrowIfNull(request.ConversationIds, nameof(request.ConversationIds));
        ArgumentNullException.ThrowIfNull(request.Options, nameof(request.Options));
        if (request.ConversationIds.Count is 0 or > ExportJobRequest.MaxConversations)
        {
            throw new ArgumentException($"An export job takes 1 to {ExportJobRequest.MaxConversations} conversations; this one has {request.ConversationIds.Count}.", nameof(request));
        }

        for (var i = 0; i < request.ConversationIds.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(request.ConversationIds[i]) || request.ConversationIds[i].Length > 512)
            {
                throw new ArgumentException($"Conversation id #{i} is empty or longer than 512 characters.", nameof(request));
            }
        }

        exporter.Validate(request.Options);
    }
}
