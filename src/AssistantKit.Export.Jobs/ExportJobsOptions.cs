using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AssistantKit.Export.Jobs;

/// <summary>Options of background export jobs (<c>AddPostgreSqlExportJobs</c>, <c>AddSqliteExportJobs</c>).</summary>
public sealed class ExportJobsOptions
{
    /// <summary>Gets or sets how many export jobs one server runs at once (default 2); more wait in the queue.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>
    /// Gets or sets a value indicating whether this server runs export jobs (default <see langword="true"/>). With
    /// <see langword="false"/> it only queues them, reports them and serves their results — a web front end, say —
    /// while the servers of the cluster that run jobs do the exporting.
    /// </summary>
    public bool RunJobs { get; set; } = true;

    /// <summary>
    /// Gets or sets how often an idle server looks in the database for jobs another server queued (default 1 s; a job
    /// queued on a server that runs jobs starts there at once). Quartz's idle wait time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long finished jobs and their results are kept (default 7 days).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets how often expired jobs and results are deleted (default hourly; once across servers).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets how often a running job saves its progress, tells its owner (<c>export_progress</c>) and looks
    /// whether it was cancelled (default 500 ms).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Gets or sets how often a server of a cluster records in the database that it is alive (PostgreSQL only;
    /// default 5 s). A server silent for this plus <see cref="ClusterCheckinMisfireThreshold"/> is taken for dead, and
    /// another server re-runs the jobs it was running.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long past a missed check-in a server waits before taking another for dead (default 5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ClusterCheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets this server's id in the cluster; <see langword="null"/> (default) derives a unique one at start.</summary>
    public string? InstanceId { get; set; }

    /// <summary>
    /// Gets or sets the folder of the default <see cref="IExportStorage"/> (a <see cref="FileSystemExportStorage"/>);
    /// servers of a cluster need a folder they share, or register another <see cref="IExportStorage"/> before this package.
    /// Default: <c>assistantkit-exports</c> in the temporary folder.
    /// </summary>
    [Required]
    public string StoragePath { get; set; } = Path.Combine(Path.GetTempPath(), "assistantkit-exports");
}

/// <summary>Validates <see cref="ExportJobsOptions"/> from its data annotations at compile time.</summary>
[OptionsValidator]
internal sealed partial class ExportJobsOptionsValidator : IValidateOptions<ExportJobsOptions>;
