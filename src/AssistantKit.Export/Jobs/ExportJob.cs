using System.Text.Json.Serialization;

namespace AssistantKit.Export;

/// <summary>Where a background export job stands; in JSON in lower case, as in the <c>export_progress</c> event.</summary>
public enum ExportJobState
{
    /// <summary>Waiting for a free slot on some server.</summary>
    [JsonStringEnumMemberName("queued")]
    Queued,

    /// <summary>Being exported.</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>Done; the result can be downloaded (some conversations may have failed: see <see cref="ExportJob.Failed"/>).</summary>
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    /// <summary>Stopped by an error (<see cref="ExportJob.Error"/>); nothing was stored.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>Cancelled by its owner; nothing was stored.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}

/// <summary>A background export job as its owner sees it.</summary>
public sealed record ExportJob
{
    /// <summary>Gets the job id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the owner's id.</summary>
    public required string OwnerId { get; init; }

    /// <summary>Gets the state.</summary>
    public required ExportJobState State { get; init; }

    /// <summary>Gets the export format.</summary>
    public required string Format { get; init; }

    /// <summary>Gets the number of conversations asked for.</summary>
    public required int Total { get; init; }

    /// <summary>Gets the number of conversations done so far (exported or failed).</summary>
    public int Done { get; init; }

    /// <summary>Gets the number of conversations that could not be exported (missing, unreadable, failed to format); each is named in the archive's manifest.</summary>
    public int Failed { get; init; }

    /// <summary>Gets why the job failed, or <see langword="null"/>.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the size of the result in bytes once it is stored.</summary>
    public long? ResultLength { get; init; }

    /// <summary>Gets the id of the schedule that started the job, or <see langword="null"/>.</summary>
    public string? ScheduleId { get; init; }

    /// <summary>Gets how many times a server started the job (more than one after a server died running it).</summary>
    public int Attempts { get; init; }

    /// <summary>Gets when it was asked for.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when a server last started it.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets when it ended (succeeded, failed or was cancelled).</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Gets a value indicating whether the job has ended.</summary>
    public bool IsFinished => State is ExportJobState.Succeeded or ExportJobState.Failed or ExportJobState.Cancelled;
}

/// <summary>A request for a background export.</summary>
/// <param name="OwnerId">Who asks; only they see the job and its result.</param>
/// <param name="ConversationIds">The conversations, in the order wanted in the archive (1 to <see cref="MaxConversations"/>).</param>
/// <param name="Options">Format, filters and options for every conversation.</param>
public sealed record ExportJobRequest(string OwnerId, IReadOnlyList<string> ConversationIds, ExportOptions Options)
{
    /// <summary>The most conversations one job takes.</summary>
    public const int MaxConversations = 100_000;
}
