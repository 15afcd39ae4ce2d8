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

/// <summary>
/// WebSocket close codes the realtime server uses. Codes 4000 to 4099 are AssistantKit's; on every one of them a client
/// should reconnect and resume (after the backoff), except <see cref="PolicyViolation"/>, which will fail again.
/// </summary>
public static class RealtimeCloseCodes
{
    /// <summary>1000: the client or server closed normally.</summary>
    public const int Normal = 1000;

    /// <summary>1001: the server is shutting down; reconnect (to another node) and resume.</summary>
    public const int GoingAway = 1001;

    /// <summary>1003: the client sent a binary frame; the protocol uses text frames only.</summary>
    public const int UnsupportedData = 1003;

    /// <summary>1008: the client broke a rule that a retry will not fix.</summary>
    public const int PolicyViolation = 1008;

    /// <summary>1009: an inbound message was larger than the server's limit.</summary>
    public const int MessageTooBig = 1009;

    /// <summary>1011: the server failed unexpectedly.</summary>
    public const int InternalError = 1011;

    /// <summary>4000: the connection's send queue overflowed because the client read too slowly; reconnect and resume.</summary>
    public const int SlowConsumer = 4000;

    /// <summary>4001: the client sent messages faster than the inbound rate limit allows.</summary>
    public const int RateLimited = 4001;

    /// <summary>4002: the client sent too many malformed or unknown messages.</summary>
    public const int ProtocolViolation = 4002;
}
