namespace AssistantKit.Realtime;

/// <summary>An alert in a <see cref="SystemHealthUpdate"/>.</summary>
/// <param name="Id">A stable id (for example <c>cpu</c>): the same alert keeps its id while raised, so a UI can update it in place.</param>
/// <param name="Level">The severity.</param>
/// <param name="Message">A human-readable description.</param>
/// <param name="Timestamp">When the alert was raised (or last changed level).</param>
public sealed record HealthAlert(string Id, AlertLevel Level, string Message, DateTimeOffset Timestamp);
