namespace AssistantKit.Realtime;

/// <summary>The event types of the dashboard stream, as they appear in an event's <c>type</c> field.</summary>
public static class RealtimeEventTypes
{
    /// <summary><c>stats_update</c>: named statistics changed (<see cref="StatsUpdate"/>).</summary>
    public const string StatsUpdate = "stats_update";

    /// <summary><c>system_health</c>: CPU, memory, response time, uptime and alerts (<see cref="SystemHealthUpdate"/>).</summary>
    public const string SystemHealth = "system_health";

    /// <summary><c>activity</c>: something happened (<see cref="ActivityEvent"/>).</summary>
    public const string Activity = "activity";

    /// <summary><c>user_status</c>: a user came online or went offline (<see cref="UserStatusUpdate"/>).</summary>
    public const string UserStatus = "user_status";

    /// <summary><c>notification</c>: a message for people (<see cref="Notification"/>).</summary>
    public const string Notification = "notification";

    /// <summary><c>export_progress</c>: a background export job moved on (<see cref="ExportProgress"/>); sent to the job's owner.</summary>
    public const string ExportProgress = "export_progress";

    /// <summary>
    /// <c>reset</c>: raised by <see cref="RealtimeClient"/> (never published) when events were lost because the gap was older
    /// than the server's replay window or the server's history was replaced; the app should refetch its state. Data: <see cref="RealtimeReset"/>.
    /// </summary>
    public const string Reset = "reset";

    /// <summary>Checks that <paramref name="type"/> can be published: 1 to 64 characters of <c>a-z 0-9 _ . -</c>, not a control message type.</summary>
    /// <param name="type">The event type.</param>
    /// <returns><see langword="true"/> when the type is valid.</returns>
    public static bool IsPublishable(string? type) => IsWellFormed(type) && !WireFormat.IsControlType(type!);

    internal static bool IsWellFormed(string? type) =>
        type is { Length: > 0 and <= 64 } && !type.AsSpan().ContainsAnyExcept(AllowedCharacters);

    private static readonly System.Buffers.SearchValues<char> AllowedCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_.-");
}
