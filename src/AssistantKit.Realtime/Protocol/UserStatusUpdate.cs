namespace AssistantKit.Realtime;

/// <summary>The data of a <c>user_status</c> event.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Status">Their presence.</param>
/// <param name="Connections">Their open connections (browser tabs, devices).</param>
/// <param name="LastSeen">When the user was last connected.</param>
/// <param name="UserName">Their display name, when known.</param>
public sealed record UserStatusUpdate(string UserId, UserPresence Status, int Connections, DateTimeOffset LastSeen, string? UserName = null);
