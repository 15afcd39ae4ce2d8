using AssistantKit.Export.Jobs.Persistence;
using Quartz;

namespace AssistantKit.Export.Jobs;

/// <summary>
/// <see cref="IExportSchedules"/> as Quartz cron triggers in the job database: a schedule is a durable Quartz job
/// (group <c>assistantkit-schedules</c>) holding its owner and options, with one cron trigger in its time zone. In a
/// cluster one server fires each occurrence. After downtime a missed occurrence fires once, at once, and the schedule
/// goes on (<see cref="CronTriggerMisfireInstruction.FireAndProceed"/>); occurrences missed in a row are not repeated.
/// </summary>
internal sealed class QuartzExportSchedules(ExportJobsScheduler scheduler, IConversationExporter exporter) : IExportSchedules
{
    internal const string OwnerKey = "owner";
    internal const string NameKey = "name";
    internal const string LookbackKey = "lookbackSeconds";
    internal const string OptionsKey = "options";
    internal const string TimeZoneKey = "timeZone";

    /// <summary>The longest look back a schedule may have.</summary>
    private static readonly TimeSpan MaxLookback = TimeSpan.FromDays(3660);

    public async Task<ExportSchedule> SaveAsync(ExportSchedule schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentException.ThrowIfNullOrWhiteSpace(schedule.OwnerId, nameof(schedule.OwnerId));
        ArgumentException.ThrowIfNullOrWhiteSpace(schedule.Name, nameof(schedule.Name));
        if (schedule.Name.Length > 200)
        {
            throw new ArgumentException("A schedule's name is at most 200 characters.", nameof(schedule));
        }

        if (!CronExpression.TryParse(schedule.Cron ?? "", out var cron))
        {
            throw new ArgumentException($"'{schedule.Cron}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, for example '0 0 6 ? * MON').", nameof(schedule));
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(schedule.TimeZone ?? "", out var zone))
        {
            throw new ArgumentException($"Unknown time zone '{schedule.TimeZone}'.", nameof(schedule));
        }

        cron = cron.WithTimeZone(zone);
        if (cron.GetNextValidTimeAfter(DateTimeOffset.UtcNow) is null)
        {
            throw new ArgumentException($"The cron expression '{schedule.Cron}' never fires again.", nameof(schedule));
        }

        if (schedule.Lookback <= TimeSpan.Zero || schedule.Lookback > MaxLookback)
        {
            throw new ArgumentException("A schedule looks back more than nothing and at most 3660 days (ten years).", nameof(schedule));
        }

        ArgumentNullException.ThrowIfNull(schedule.Options, nameof(schedule.Options));
        exporter.Validate(schedule.Options);
        if (schedule.Id.Length > 0 && !IsId(schedule.Id))
        {
            throw new ArgumentException("A schedule id is 1 to 64 letters, digits, '-' or '_'.", nameof(schedule));
        }

        var id = schedule.Id.Length > 0 ? schedule.Id : Guid.NewGuid().ToString("N");
        return await Call(async quartz =>
        {
            var key = new JobKey(id, ExportJobsScheduler.ScheduleGroup);
            if (await quartz.GetJobDetail(key, cancellationToken).ConfigureAwait(false) is { } existing && existing.JobDataMap.GetString(OwnerKey) != schedule.OwnerId)
            {
                throw new ArgumentException($"There is no schedule '{id}' to replace.", nameof(schedule));
            }

            var job = JobBuilder.Create<ScheduledExportRunner>()
                .WithIdentity(key)
                .UsingJobData(OwnerKey, schedule.OwnerId)
                .UsingJobData(NameKey, schedule.Name)
                .UsingJobData(LookbackKey, ((long)schedule.Lookback.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture))
                .UsingJobData(TimeZoneKey, schedule.TimeZone!)
                .UsingJobData(OptionsKey, ExportJobsDatabase.Serialize(schedule.Options))
                .StoreDurably()
                .RequestRecovery()
                .Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(id, ExportJobsScheduler.ScheduleGroup)
                .WithSchedule(CronScheduleBuilder.Create(schedule.Cron!).InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .Build();
            await quartz.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken).ConfigureAwait(false);
            return await ReadAsync(quartz, key, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException("The schedule was not stored.");
        }).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ExportSchedule>> ListAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ownerId);
        return Call<IReadOnlyList<ExportSchedule>>(async quartz =>
        {
            var schedules = new List<ExportSchedule>();
            foreach (var key in await quartz.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(ExportJobsScheduler.ScheduleGroup), cancellationToken).ConfigureAwait(false))
            {
                if (await ReadAsync(quartz, key, cancellationToken).ConfigureAwait(false) is { } schedule && schedule.OwnerId == ownerId)
                {
                    schedules.Add(schedule);
                }
            }

            schedules.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : string.CompareOrdinal(a.Id, b.Id));
            return schedules;
        });
    }

    public Task<bool> DeleteAsync(string ownerId, string scheduleId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ownerId);
        ArgumentNullException.ThrowIfNull(scheduleId);
        return Call(async quartz =>
        {
            var key = new JobKey(scheduleId, ExportJobsScheduler.ScheduleGroup);
            var job = await quartz.GetJobDetail(key, cancellationToken).ConfigureAwait(false);
            return job is not null && job.JobDataMap.GetString(OwnerKey) == ownerId && await quartz.DeleteJob(key, cancellationToken).ConfigureAwait(false);
        });
    }

    private static async Task<ExportSchedule?> ReadAsync(IScheduler quartz, JobKey key, CancellationToken cancellationToken) =>
        await quartz.GetJobDetail(key, cancellationToken).ConfigureAwait(false) is { } job
            ? ScheduleOf(job, (await quartz.GetTriggersOfJob(key, cancellationToken).ConfigureAwait(false)).OfType<ICronTrigger>().FirstOrDefault())
            : null;

    /// <summary>A schedule as its Quartz job keeps it (owner, name, look-back, time zone and options in the job data).</summary>
    internal static ExportSchedule ScheduleOf(IJobDetail job, ICronTrigger? trigger)
    {
        var data = job.JobDataMap;
        return new ExportSchedule
        {
            Id = job.Key.Name,
            OwnerId = data.GetString(OwnerKey) ?? "",
            Name = data.GetString(NameKey) ?? "",
            Cron = trigger?.CronExpressionString ?? "",
            TimeZone = data.GetString(TimeZoneKey) ?? "UTC",
            Lookback = TimeSpan.FromSeconds(long.Parse(data.GetString(LookbackKey) ?? "0", System.Globalization.CultureInfo.InvariantCulture)),
            Options = ExportJobsDatabase.DeserializeOptions(data.GetString(OptionsKey) ?? "{}"),
            NextFireTime = trigger?.NextFireTimeUtc,
            PreviousFireTime = trigger?.PreviousFireTimeUtc,
        };
    }

    private static bool IsId(string id) => id.Length <= 64 && id.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private async Task<T> Call<T>(Func<IScheduler, Task<T>> work)
    {
        try
        {
            return await work(await scheduler.GetAsync(CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (JobPersistenceException ex)
        {
            throw new ExportJobsUnavailableException($"The export schedules cannot be reached: {ex.GetBaseException().Message}", ex);
        }
    }
}
