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

/// <summary>Receives what a <see cref="IRealtimeBackplane"/> delivers. Calls are never concurrent.</summary>
public interface IRealtimeBackplaneSubscriber
{
    /// <summary>
    /// Called before any message and whenever the stream's history is replaced (its epoch changes, for example because the
    /// backplane lost its data): messages after this call continue from <paramref name="lastSeq"/>.
    /// </summary>
    /// <param name="epoch">The stream's epoch: an id of its history.</param>
    /// <param name="lastSeq">The sequence number of the last event in the stream, 0 when there is none.</param>
    void OnEpoch(string epoch, long lastSeq);

    /// <summary>Called for each message, in <see cref="RealtimeMessage.Seq"/> order.</summary>
    /// <param name="message">The message.</param>
    void OnMessage(RealtimeMessage message);
}

/// <summary>The backplane of a single process: numbers events and hands them to the local hub. The default.</summary>
public sealed class InMemoryRealtimeBackplane : IRealtimeBackplane
{
    private readonly Lock _gate = new();
    private readonly string _epoch = Guid.NewGuid().ToString("N")[..16];
    private IRealtimeBackplaneSubscriber[] _subscribers = [];
    private long _seq;

    /// <inheritdoc/>
    public ValueTask<long> PublishAsync(RealtimeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            var seq = ++_seq;
            var numbered = message with { Seq = seq, Id = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_epoch}-{seq}") };
            foreach (var subscriber in _subscribers)
            {
                subscriber.OnMessage(numbered);
            }

            return ValueTask.FromResult(seq);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IAsyncDisposable> SubscribeAsync(IRealtimeBackplaneSubscriber subscriber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (_gate)
        {
            subscriber.OnEpoch(_epoch, _seq);
            _subscribers = [.. _subscribers, subscriber];
        }

        return ValueTask.FromResult<IAsyncDisposable>(new Subscription(this, subscriber));
    }

    /// <inheritdoc/>
    /// <remarks>Always <see langword="null"/>: in one process the hub's replay buffer is the whole history.</remarks>
    public ValueTask<IReadOnlyList<RealtimeMessage>?> ReadAsync(long after, long through, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<RealtimeMessage>?>(null);

    private sealed class Subscription(InMemoryRealtimeBackplane owner, IRealtimeBackplaneSubscriber subscriber) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lock (owner._gate)
            {
                owner._subscribers = [.. owner._subscribers.Where(s => s != subscriber)];
            }

            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Thrown by <see cref="IRealtimePublisher.PublishAsync"/> when the backplane cannot take the event (for example Redis is down); the event was not published.</summary>
public sealed class RealtimeBackplaneException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RealtimeBackplaneException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public RealtimeBackplaneException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public RealtimeBackplaneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
