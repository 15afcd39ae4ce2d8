using Microsoft.Extensions.Logging;

namespace AssistantKit.Realtime;

/// <summary>The realtime client's log messages (one place for their ids).</summary>
internal static partial class ClientLog
{
    [LoggerMessage(1, LogLevel.Information, "Realtime connect attempt {Attempt} failed; retrying in {Delay}.")]
    public static partial void AttemptFailed(ILogger logger, Exception? exception, int attempt, TimeSpan delay);

    [LoggerMessage(2, LogLevel.Error, "The realtime client gave up after {Attempts} attempts.")]
    public static partial void GaveUp(ILogger logger, Exception exception, int attempts);

    [LoggerMessage(3, LogLevel.Information, "Realtime connection lost ({Reason}); reconnecting and resuming.")]
    public static partial void Lost(ILogger logger, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Skipped a realtime message larger than {Limit} bytes.")]
    public static partial void Oversized(ILogger logger, int limit);

    [LoggerMessage(5, LogLevel.Warning, "Skipped a realtime frame that is not a JSON object with a type: {Start}")]
    public static partial void Malformed(ILogger logger, string start);

    [LoggerMessage(6, LogLevel.Warning, "Realtime handlers are {Capacity} events behind; pausing the connection until they catch up.")]
    public static partial void Lagging(ILogger logger, int capacity);

    [LoggerMessage(7, LogLevel.Warning, "The realtime stream was reset ({Reason}): events were missed; handlers get a reset event.")]
    public static partial void Reset(ILogger logger, string? reason);

    [LoggerMessage(8, LogLevel.Warning, "The realtime server reported an error: {Error}")]
    public static partial void ServerError(ILogger logger, string error);

    [LoggerMessage(9, LogLevel.Warning, "No realtime frame within {Timeout} of a ping; reconnecting.")]
    public static partial void HeartbeatMissed(ILogger logger, TimeSpan timeout);

    [LoggerMessage(10, LogLevel.Error, "A realtime handler failed for {Type} event {Seq}.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string type, long seq);

    [LoggerMessage(12, LogLevel.Debug, "Connecting to {Uri}.")]
    public static partial void Connecting(ILogger logger, string uri);

    [LoggerMessage(11, LogLevel.Warning, "The payload of {Type} event {Seq} is not a {Payload}; the typed handler skipped it.")]
    public static partial void BadPayload(ILogger logger, Exception exception, string type, long seq, string payload);
}
