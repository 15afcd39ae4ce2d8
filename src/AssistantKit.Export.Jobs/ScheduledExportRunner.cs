using Microsoft.Extensions.Logging;
using Quartz;

namespace AssistantKit.Export.Jobs;

/// <summary>
/// Fires a schedule: queues an export job of the owner's conversations from the look-back window before the scheduled
/// time. The job id is derived from the schedule and that time, so a firing run twice (recovered after a server died)
/// queues one job.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ScheduledExportRunner(QuartzExportJobs jobs, IConversationSource source, ILogger<ScheduledExportRunner> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var schedule = QuartzExportSchedules.ScheduleOf(context.JobDetail, context.Trigger as ICronTrigger);
        var (scheduleId, owner, lookback, options) = (schedule.Id, schedule.OwnerId, schedule.Lookback, schedule.Options);
        if (owner.Length == 0)
        {
            throw new JobExecutionException($"Schedule {scheduleId} has no owner.");
        }

        var at = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var ids = new List<string>();
        await foreach (var id in source.ListIdsAsync(owner, new DateRange(at - lookback, at), cancellationToken).ConfigureAwait(false))
        {
            ids.Add(id);
            if (ids.Count == ExportJobRequest.MaxConversations)
            {
                logger.LogWarning("Schedule {ScheduleId} found more than {Max} conversations; the export takes the first {Max}.", scheduleId, ExportJobRequest.MaxConversations, ExportJobRequest.MaxConversations);
                break;
            }
        }

        if (ids.Count == 0)
        {
            logger.LogInformation("Schedule {ScheduleId} fired for {At:O}: no conversations in the last {Lookback}; no export.", scheduleId, at, lookback);
            return;
        }

        var jobId = $"{scheduleId}-{at.UtcDateTime:yyyyMMddHHmmss}";
        var job = await jobs.EnqueueAsync(new ExportJobRequest(owner, ids, options), jobId, scheduleId, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Schedule {ScheduleId} fired for {At:O}: export job {JobId} with {Count} conversations.", scheduleId, at, job.Id, job.Total);
    }
}
