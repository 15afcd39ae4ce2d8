namespace AssistantKit.Export;

/// <summary>
/// A recurring export, for example "every Monday 06:00 Europe/Berlin, the last 7 days' conversations as PDF": each
/// time it fires (once across all servers) it queues an export job for its owner with the conversations
/// <see cref="IConversationSource.ListIdsAsync"/> returns for the <see cref="Lookback"/> before that time.
/// </summary>
public sealed record ExportSchedule
{
    /// <summary>Gets the id; empty when creating one (an id is assigned).</summary>
    public string Id { get; init; } = "";

    /// <summary>Gets the owner's id.</summary>
    public required string OwnerId { get; init; }

    /// <summary>Gets a name for people.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the Quartz cron expression (seconds first), for example <c>0 0 6 ? * MON</c>.</summary>
    public required string Cron { get; init; }

    /// <summary>Gets the IANA or Windows time zone the cron expression is read in, for example <c>Europe/Berlin</c>.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Gets how far back from each firing conversations are taken.</summary>
    public TimeSpan Lookback { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Gets the format, filters and options of each export.</summary>
    public ExportOptions Options { get; init; } = new();

    /// <summary>Gets when it fires next, or <see langword="null"/> when it never will; filled in by the store.</summary>
    public DateTimeOffset? NextFireTime { get; init; }

    /// <summary>Gets when it last fired, or <see langword="null"/>; filled in by the store.</summary>
    public DateTimeOffset? PreviousFireTime { get; init; }
}

/// <summary>Recurring exports per owner. Every call names the owner, and no call shows or touches another owner's schedule.</summary>
public interface IExportSchedules
{
    /// <summary>Creates a schedule, or replaces the owner's schedule with the same id.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schedule as stored, with its id and next fire time.</returns>
    /// <exception cref="ArgumentException">The cron expression or time zone is invalid, or the cron expression never fires.</exception>
    /// <exception cref="ExportOptionsException">The options are invalid.</exception>
    /// <exception cref="ExportJobsUnavailableException">The job database cannot be reached.</exception>
    Task<ExportSchedule> SaveAsync(ExportSchedule schedule, CancellationToken cancellationToken = default);

    /// <summary>Lists the owner's schedules.</summary>
    /// <param name="ownerId">The owner.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schedules, by name.</returns>
    Task<IReadOnlyList<ExportSchedule>> ListAsync(string ownerId, CancellationToken cancellationToken = default);

    /// <summary>Deletes one of the owner's schedules.</summary>
    /// <param name="ownerId">The owner.</param>
    /// <param name="scheduleId">The schedule id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the owner had such a schedule.</returns>
    Task<bool> DeleteAsync(string ownerId, string scheduleId, CancellationToken cancellationToken = default);
}
