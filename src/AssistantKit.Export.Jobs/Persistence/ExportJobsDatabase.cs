using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace AssistantKit.Export.Jobs.Persistence;

/// <summary>Opens the job table's context and turns a database that cannot be reached into <see cref="ExportJobsUnavailableException"/>.</summary>
internal sealed class ExportJobsDatabase(Func<ExportJobsContext> context, TimeProvider timeProvider)
{
    public TimeProvider TimeProvider { get; } = timeProvider;

    public long Now => TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Runs <paramref name="work"/> on a fresh context.</summary>
    public async Task<T> RunAsync<T>(Func<ExportJobsContext, Task<T>> work)
    {
        var db = context();
        await using var _ = db.ConfigureAwait(false);
        try
        {
            return await work(db).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new ExportJobsUnavailableException($"The export job database cannot be reached: {ex.GetBaseException().Message}", ex);
        }
    }

    /// <summary>Loads one job's record (of <paramref name="ownerId"/> only, when given), or <see langword="null"/>.</summary>
    public Task<ExportJobRow?> FindAsync(string id, string? ownerId = null, CancellationToken cancellationToken = default) =>
        RunAsync(db => db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id && (ownerId == null || j.OwnerId == ownerId), cancellationToken));

    public Task MigrateAsync(CancellationToken cancellationToken) =>
        RunAsync(async db =>
        {
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return true;
        });

    /// <summary>Whether <paramref name="ex"/> says the database is down or refuses us (not that a statement was wrong).</summary>
    public static bool IsUnavailable(Exception ex) => ex switch
    {
        ExportJobsUnavailableException => false,
        DbUpdateConcurrencyException => false,
        DbUpdateException { InnerException: { } inner } => IsUnavailable(inner),
        Npgsql.PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) || postgres.SqlState == "53300",
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } => false, // a constraint, not the database going away
        DbException => true, // connection refused, timeout, broken pipe, database file unreadable
        TimeoutException or System.Net.Sockets.SocketException => true,
        InvalidOperationException { InnerException: { } inner } => IsUnavailable(inner),
        _ => false,
    };

    public static ExportJob ToJob(ExportJobRow row) => new()
    {
        Id = row.Id,
        OwnerId = row.OwnerId,
        State = row.State,
        Format = row.Format,
        Total = row.Total,
        Done = row.Done,
        Failed = row.Failed,
        Error = row.Error,
        ResultLength = row.ResultLength,
        ScheduleId = row.ScheduleId,
        Attempts = row.Attempts,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
        StartedAt = row.StartedAt is { } started ? DateTimeOffset.FromUnixTimeMilliseconds(started) : null,
        FinishedAt = row.FinishedAt is { } finished ? DateTimeOffset.FromUnixTimeMilliseconds(finished) : null,
    };

    public static string Serialize(ExportOptions options) => JsonSerializer.Serialize(options, ExportJobsJsonContext.Default.ExportOptions);

    public static ExportOptions DeserializeOptions(string json) => JsonSerializer.Deserialize(json, ExportJobsJsonContext.Default.ExportOptions) ?? new ExportOptions();
}
