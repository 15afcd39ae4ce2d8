namespace AssistantKit.Realtime;

/// <summary>The data of an <c>export_progress</c> event: how far a background export job is. Publish it to the job's owner only (<see cref="RealtimeAudience.User"/>).</summary>
/// <param name="JobId">The job.</param>
/// <param name="Done">Conversations exported so far.</param>
/// <param name="Total">Conversations in the job.</param>
/// <param name="State">The job's state, for example <c>queued</c>, <c>running</c>, <c>succeeded</c>, <c>failed</c>, <c>cancelled</c>.</param>
/// <param name="Error">Why it failed, when it did.</param>
public sealed record ExportProgress(string JobId, int Done, int Total, string State, string? Error = null);
