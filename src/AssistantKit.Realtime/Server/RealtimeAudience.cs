namespace AssistantKit.Realtime;

/// <summary>Who receives an event. The server enforces it: a connection never receives an event that is not for it.</summary>
public readonly record struct RealtimeAudience
{
    private RealtimeAudience(RealtimeAudienceKind kind, string? value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>Gets every connection (the default).</summary>
    public static RealtimeAudience All => default;

    /// <summary>Gets what <see cref="Value"/> names.</summary>
    public RealtimeAudienceKind Kind { get; }

    /// <summary>Gets the user id or group name; <see langword="null"/> for <see cref="RealtimeAudienceKind.All"/>.</summary>
    public string? Value { get; }

    /// <summary>Every connection of one user (<c>HttpContext.User</c>'s name identifier on the server).</summary>
    /// <param name="userId">The user id.</param>
    /// <returns>The audience.</returns>
    public static RealtimeAudience User(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return new(RealtimeAudienceKind.User, userId);
    }

    /// <summary>Every connection whose user is in a group (by default, has the role).</summary>
    /// <param name="group">The group name.</param>
    /// <returns>The audience.</returns>
    public static RealtimeAudience Group(string group)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        return new(RealtimeAudienceKind.Group, group);
    }

    /// <inheritdoc/>
    public override string ToString() => Kind == RealtimeAudienceKind.All ? "all" : $"{Kind.ToString().ToLowerInvariant()}:{Value}";
}

/// <summary>The kinds of <see cref="RealtimeAudience"/>.</summary>
public enum RealtimeAudienceKind
{
    /// <summary>Every connection.</summary>
    All,

    /// <summary>The connections of one user.</summary>
    User,

    /// <summary>The connections of a group's members.</summary>
    Group,
}

/// <summary>
/// An event on its way through the backplane: published on one node, given its <see cref="Seq"/> and <see cref="Id"/>
/// by the backplane, delivered to every node in <see cref="Seq"/> order.
/// </summary>
/// <param name="Type">The event type.</param>
/// <param name="Data">The payload as UTF-8 JSON.</param>
/// <param name="Timestamp">When it was published.</param>
/// <param name="Audience">Who receives it.</param>
public sealed record RealtimeMessage(string Type, ReadOnlyMemory<byte> Data, DateTimeOffset Timestamp, RealtimeAudience Audience)
{
    /// <summary>Gets the position in the stream (from 1, increasing by 1 per event); 0 until the backplane assigns it.</summary>
    public long Seq { get; init; }

    /// <summary>Gets the event id, unique across epochs; empty until the backplane assigns it.</summary>
    public string Id { get; init; } = "";
}
