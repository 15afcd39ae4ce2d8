namespace AssistantKit.Realtime;

/// <summary>The data of an <c>activity</c> event.</summary>
/// <param name="Id">A unique id.</param>
/// <param name="Kind">What happened, for example <c>conversation_started</c> or <c>export_completed</c>.</param>
/// <param name="Message">A human-readable description.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="UserId">Who did it, when known.</param>
/// <param name="UserName">Their display name, when known.</param>
public sealed record ActivityEvent(string Id, string Kind, string Message, DateTimeOffset Timestamp, string? UserId = null, string? UserName = null);
