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
