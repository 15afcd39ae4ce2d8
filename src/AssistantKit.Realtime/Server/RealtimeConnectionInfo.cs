namespace AssistantKit.Realtime;

/// <summary>A connection as <see cref="IRealtimeConnectionObserver"/> sees it.</summary>
/// <param name="ConnectionId">The connection's id.</param>
/// <param name="UserId">The user, <see langword="null"/> when anonymous.</param>
/// <param name="UserName">The user's display name, when known.</param>
/// <param name="ConnectedAt">When the connection opened.</param>
public sealed record RealtimeConnectionInfo(string ConnectionId, string? UserId, string? UserName, DateTimeOffset ConnectedAt);
