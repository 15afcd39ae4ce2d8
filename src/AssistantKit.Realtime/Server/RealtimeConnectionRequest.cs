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
