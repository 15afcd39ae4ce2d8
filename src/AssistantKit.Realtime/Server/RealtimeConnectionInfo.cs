using System.Collections.Frozen;

namespace AssistantKit.Realtime;

/// <summary>What the endpoint learned about a client before handing its WebSocket to <see cref="RealtimeHub.RunConnectionAsync"/>.</summary>
public sealed record RealtimeConnectionRequest
{
    /// <summary>Gets the authenticated user's id; <see langword="null"/> for anonymous connections, which receive only events for everyone.</summary>
    public string? UserId { get; init; }

    /// <summary>Gets the user's display name, when known.</summary>
    public string? UserName { get; init; }

    /// <summary>Gets the groups the user is in (events for <see cref="RealtimeAudience.Group"/>).</summary>
    public IReadOnlySet<string> Groups { get; init; } = FrozenSet<string>.Empty;

    /// <summary>Gets the event types the client wants at first; <see langword="null"/> (the default) for all.</summary>
    public IReadOnlySet<string>? Types { get; init; }

    /// <summary>Gets the sequence number after which the client resumes; <see langword="null"/> to start with live events.</summary>
    public long? ResumeAfter { get; init; }

    /// <summary>Gets the epoch the client's <see cref="ResumeAfter"/> belongs to; when it differs from the stream's, the client is sent a <c>reset</c>.</summary>
    public string? ResumeEpoch { get; init; }
}

/// <summary>A connection as <see cref="IRealtimeConnectionObserver"/> sees it.</summary>
/// <param name="ConnectionId">The connection's id.</param>
/// <param name="UserId">The user, <see langword="null"/> when anonymous.</param>
/// <param name="UserName">The user's display name, when known.</param>
/// <param name="ConnectedAt">When the connection opened.</param>
public sealed record RealtimeConnectionInfo(string ConnectionId, string? UserId, string? UserName, DateTimeOffset ConnectedAt);

/// <summary>
/// Told when connections open and close (for example by the presence producer). Register with
/// <c>TryAddEnumerable</c>. Calls come from connection threads; implementations must be quick and thread-safe, and an
/// exception they throw is logged and otherwise ignored.
/// </summary>
public interface IRealtimeConnectionObserver
{
    /// <summary>A connection opened.</summary>
    /// <param name="connection">The connection.</param>
    void OnConnected(RealtimeConnectionInfo connection);

    /// <summary>A connection closed.</summary>
    /// <param name="connection">The connection.</param>
    void OnDisconnected(RealtimeConnectionInfo connection);
}
