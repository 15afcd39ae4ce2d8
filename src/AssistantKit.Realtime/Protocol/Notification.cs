namespace AssistantKit.Realtime;

/// <summary>The data of a <c>notification</c> event.</summary>
/// <param name="Id">A unique id.</param>
/// <param name="Level">The severity.</param>
/// <param name="Title">A short title.</param>
/// <param name="Message">The text.</param>
/// <param name="Timestamp">When it was raised.</param>
public sealed record Notification(string Id, AlertLevel Level, string Title, string Message, DateTimeOffset Timestamp);
