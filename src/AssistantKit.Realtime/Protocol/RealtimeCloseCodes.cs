namespace AssistantKit.Realtime;

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
