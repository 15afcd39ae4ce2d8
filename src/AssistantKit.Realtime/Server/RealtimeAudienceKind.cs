namespace AssistantKit.Realtime;

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
