namespace AssistantKit.Realtime;

/// <summary>Publishes events to the connected clients (on every node, with a backplane).</summary>
public interface IRealtimePublisher
{
    /// <summary>Publishes an event whose payload is already UTF-8 JSON.</summary>
    /// <param name="type">The event type (see <see cref="RealtimeEventTypes.IsPublishable"/>).</param>
    /// <param name="utf8JsonData">The payload: one JSON value.</param>
    /// <param name="audience">Who receives it; <see cref="RealtimeAudience.All"/> by default.</param>
    /// <param name="cancellationToken">Cancels publishing.</param>
    /// <returns>The event's sequence number.</returns>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not publishable or <paramref name="utf8JsonData"/> is not one JSON value.</exception>
    ValueTask<long> PublishAsync(string type, ReadOnlyMemory<byte> utf8JsonData, RealtimeAudience audience = default, CancellationToken cancellationToken = default);
}
