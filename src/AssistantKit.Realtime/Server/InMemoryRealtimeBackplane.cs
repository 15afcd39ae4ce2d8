namespace AssistantKit.Realtime;

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
        cancellationToken.ThrowIfCancellationRequested();
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
        cancellationToken.ThrowIfCancellationRequested();
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
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<IReadOnlyList<RealtimeMessage>?>(cancellationToken)
            : ValueTask.FromResult<IReadOnlyList<RealtimeMessage>?>(null);

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
