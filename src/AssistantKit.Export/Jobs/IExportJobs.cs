namespace AssistantKit.Export;

/// <summary>
/// Background export jobs: "export these conversations as FORMAT" runs on some server, reports progress, survives
/// restarts and ends in a download. Every call names the owner, and no call shows or touches another owner's job.
/// </summary>
public interface IExportJobs
{
    /// <summary>Queues an export.</summary>
    /// <param name="request">What to export, for whom.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The queued job.</returns>
    /// <exception cref="ExportOptionsException">The options are invalid.</exception>
    /// <exception cref="ArgumentException">No conversations, too many, or an empty id.</exception>
    /// <exception cref="ExportJobsUnavailableException">The job database cannot be reached; nothing was queued.</exception>
    Task<ExportJob> EnqueueAsync(ExportJobRequest request, CancellationToken cancellationToken = default);

    /// <summary>Gets one of the owner's jobs.</summary>
    /// <param name="ownerId">The owner.</param>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job, or <see langword="null"/> when the owner has none with that id.</returns>
    Task<ExportJob?> GetAsync(string ownerId, string jobId, CancellationToken cancellationToken = default);

    /// <summary>Lists the owner's jobs, newest first.</summary>
    /// <param name="ownerId">The owner.</param>
    /// <param name="limit">The most to return (1 to 500).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The jobs.</returns>
    Task<IReadOnlyList<ExportJob>> ListAsync(string ownerId, int limit = 50, CancellationToken cancellationToken = default);

    /// <summary>Cancels one of the owner's jobs that has not finished; a running job stops at its next checkpoint, on whichever server runs it.</summary>
    /// <param name="ownerId">The owner.</param>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the job was cancelled; <see langword="false"/> when the owner has no such job or it had already finished.</returns>
    Task<bool> CancelAsync(string ownerId, string jobId, CancellationToken cancellationToken = default);

    /// <summary>Opens the result of one of the owner's succeeded jobs (a ZIP archive with <c>manifest.json</c>).</summary>
    /// <param name="ownerId">The owner.</param>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job and its content, or <see langword="null"/> when there is no such job or no result (yet, or any more); the caller disposes the stream.</returns>
    Task<(ExportJob Job, Stream Content)?> OpenResultAsync(string ownerId, string jobId, CancellationToken cancellationToken = default);
}

/// <summary>The export job database cannot be reached (it is down, or refuses connections); the call changed nothing and may be retried.</summary>
public sealed class ExportJobsUnavailableException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public ExportJobsUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
