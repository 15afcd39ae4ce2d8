namespace AssistantKit.Realtime;

/// <summary>
/// Carries events between the nodes of a realtime deployment and numbers them. The default, <see cref="InMemoryRealtimeBackplane"/>,
/// serves one process; <c>AssistantKit.Realtime.Redis</c> serves several. Implementations are thread-safe.
/// </summary>
public interface IRealtimeBackplane
{
    /// <summary>
    /// Gives <paramref name="message"/> the stream's next <see cref="RealtimeMessage.Seq"/> and an <see cref="RealtimeMessage.Id"/>,
    /// and delivers it to every subscribed node.
    /// </summary>
    /// <param name="message">The event.</param>
    /// <param name="cancellationToken">Cancels publishing.</param>
    /// <returns>The sequence number assigned.</returns>
    ValueTask<long> PublishAsync(RealtimeMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts delivering to <paramref name="subscriber"/>: every message once, in <see cref="RealtimeMessage.Seq"/> order, one
    /// call at a time. Disposing the result stops delivery.
    /// </summary>
    /// <param name="subscriber">The node's receiver.</param>
    /// <param name="cancellationToken">Cancels subscribing.</param>
    /// <returns>The subscription.</returns>
    ValueTask<IAsyncDisposable> SubscribeAsync(IRealtimeBackplaneSubscriber subscriber, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the events after <paramref name="after"/> through <paramref name="through"/> of the current epoch from the
    /// shared history, in order, for a client resuming further back than this node's replay buffer reaches.
    /// </summary>
    /// <param name="after">The last event the client has.</param>
    /// <param name="through">The last event needed.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The events; <see langword="null"/> when the backplane keeps no history or it no longer reaches back to <paramref name="after"/> + 1.</returns>
    ValueTask<IReadOnlyList<RealtimeMessage>?> ReadAsync(long after, long through, CancellationToken cancellationToken = default);
}
