using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AssistantKit.Realtime;

/// <summary>
/// The server side of the realtime stream, independent of the web framework: publishes events through the backplane,
/// keeps the replay buffer, and runs connections (a bounded send queue each, filters, resume, limits).
/// <c>AssistantKit.Realtime.AspNetCore</c> hands it the WebSockets it accepts.
/// </summary>
/// <remarks>A client's bad message gets an error frame or a close code, never more (<see href="https://github.com/assistantkit/assistantkit/blob/main/docs/hostile-input.md">the hostile-input contract</see>).</remarks>
public sealed partial class RealtimeHub : IRealtimePublisher, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<RealtimeConnection> _connections = [];
    private readonly RealtimeServerOptions _options;
    private readonly IRealtimeBackplane _backplane;
    private readonly IRealtimeConnectionObserver[] _observers;
    private readonly ILogger _logger;
    private readonly ReplayBuffer _replay;
    private readonly Lock _subscribing = new();
    private Task<IAsyncDisposable>? _subscription;
    private readonly CancellationTokenSource _stopping = new();
    private string _epoch = "";
    private long _seq;
    private TaskCompletionSource? _advanced; // set while a resume waits for this node to catch up
    private long _nextConnectionId;
    private int _disposed;

    /// <summary>Creates a hub.</summary>
    /// <param name="options">The server options.</param>
    /// <param name="backplane">The backplane; <see cref="InMemoryRealtimeBackplane"/> for one process.</param>
    /// <param name="observers">Told when connections open and close.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public RealtimeHub(IOptions<RealtimeServerOptions> options, IRealtimeBackplane backplane, IEnumerable<IRealtimeConnectionObserver> observers, TimeProvider timeProvider, ILogger<RealtimeHub>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(backplane);
        ArgumentNullException.ThrowIfNull(observers);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options.Value;
        _backplane = backplane;
        _observers = [.. observers];
        TimeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _replay = new ReplayBuffer(_options.ReplayCapacity, _options.ReplayWindow);
    }

    /// <summary>Gets the number of open connections on this node.</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Gets the stream's current epoch and the sequence number of the last event this node has seen.</summary>
    public (string Epoch, long Seq) Position
    {
        get
        {
            lock (_gate)
            {
                return (_epoch, _seq);
            }
        }
    }

    internal TimeProvider TimeProvider { get; }

    internal RealtimeServerOptions Options => _options;

    internal ILogger Logger => _logger;

    /// <inheritdoc/>
    public async ValueTask<long> PublishAsync(string type, ReadOnlyMemory<byte> utf8JsonData, RealtimeAudience audience = default, CancellationToken cancellationToken = default)
    {
        if (!RealtimeEventTypes.IsPublishable(type))
        {
            throw new ArgumentException($"'{type}' is not a publishable event type: use 1 to 64 characters of a-z 0-9 _ . - and not a control message type (welcome, ping, pong, subscribe, unsubscribe, subscribed, resume, resumed, reset, error).", nameof(type));
        }

        if (!WireFormat.IsSingleJsonValue(utf8JsonData.Span))
        {
            throw new ArgumentException($"The data of the '{type}' event is not one JSON value.", nameof(utf8JsonData));
        }

        await EnsureSubscribedAsync(cancellationToken).ConfigureAwait(false);
        return await _backplane.PublishAsync(new RealtimeMessage(type, utf8JsonData, TimeProvider.GetUtcNow(), audience), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs one client connection until it closes: sends <c>welcome</c>, resumes when asked, streams the events the client may
    /// see, answers its control messages and enforces the limits. Never throws for anything the client does.
    /// </summary>
    /// <param name="socket">The accepted WebSocket.</param>
    /// <param name="request">What is known about the client.</param>
    /// <param name="cancellationToken">Aborts the connection (for example when the request is aborted).</param>
    /// <returns>A task that completes when the connection has closed.</returns>
    public async Task RunConnectionAsync(WebSocket socket, RealtimeConnectionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(request);
        await EnsureSubscribedAsync(cancellationToken).ConfigureAwait(false);
        var id = $"c{Interlocked.Increment(ref _nextConnectionId)}";
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var connection = new RealtimeConnection(this, socket, id, request, linked.Token);
        IReadOnlyList<RealtimeMessage>? history = null;
        if (request.ResumeAfter is { } after)
        {
            await CatchUpAsync(after, request.ResumeEpoch, linked.Token).ConfigureAwait(false);
            history = await ReadHistoryAsync(after, request.ResumeEpoch, linked.Token).ConfigureAwait(false);
        }

        Register(connection, request, history);
        Notify(connection.Info, connected: true);
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _connections.Remove(connection);
            }

            Notify(connection.Info, connected: false);
        }
    }

    /// <summary>Closes every connection with <see cref="RealtimeCloseCodes.GoingAway"/> (clients resume elsewhere) and stops receiving from the backplane.</summary>
    /// <returns>A task that completes when the connections have closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await CloseAllAsync().ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_subscription is { IsCompletedSuccessfully: true } subscription)
        {
            await subscription.Result.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    /// <summary>
    /// Closes every open connection with <see cref="RealtimeCloseCodes.GoingAway"/> (1001) so that clients reconnect
    /// elsewhere at once, and waits until they are closed: at most <see cref="RealtimeServerOptions.CloseTimeout"/> plus
    /// one second, or until <paramref name="cancellationToken"/> is cancelled. Hosts call it when they begin to stop.
    /// </summary>
    /// <param name="cancellationToken">Stops the wait (the connections are told to close either way).</param>
    /// <returns>A task that completes when every connection is closed or the wait ends.</returns>
    public async Task CloseAllAsync(CancellationToken cancellationToken = default)
    {
        RealtimeConnection[] open;
        lock (_gate)
        {
            open = [.. _connections];
        }

        foreach (var connection in open)
        {
            connection.Close(RealtimeCloseCodes.GoingAway, "server shutting down");
        }

        await Task.WhenAll(open.Select(c => c.Completion)).WaitAsync(_options.CloseTimeout + TimeSpan.FromSeconds(1), TimeProvider, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>The open connections, for tests and diagnostics.</summary>
    internal RealtimeConnection[] Connections
    {
        get
        {
            lock (_gate)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>
    /// Subscribes this node to the backplane if it is not yet subscribed. Publishing and running a connection do it
    /// themselves; an endpoint calls it before accepting a connection so that it can refuse with 503 while the backplane
    /// is down. A failed attempt is not remembered: the next call tries again.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting for the subscription (the attempt itself goes on for the next caller).</param>
    /// <returns>A task that completes when the node is subscribed.</returns>
    /// <exception cref="RealtimeBackplaneException">The backplane is unavailable.</exception>
    public Task EnsureSubscribedAsync(CancellationToken cancellationToken = default)
    {
        lock (_subscribing)
        {
            if (_subscription is null || _subscription.IsFaulted || _subscription.IsCanceled)
            {
                _subscription = _backplane.SubscribeAsync(new Subscriber(this)).AsTask();
            }

            return _subscription.WaitAsync(cancellationToken);
        }
    }

    internal async Task ResumeAsync(RealtimeConnection connection, long after, string? epoch, CancellationToken cancellationToken)
    {
        await CatchUpAsync(after, epoch, cancellationToken).ConfigureAwait(false);
        var history = await ReadHistoryAsync(after, epoch, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            ResumeLocked(connection, after, epoch, history: history);
        }
    }

    /// <summary>
    /// A client that resumes ahead of this node (same epoch) has events another node delivered that this node's backplane
    /// subscription has not delivered yet: wait for them, up to two seconds, rather than reset a healthy client that moved
    /// to this node. With the in-process backplane there is no other node, so nothing to wait for.
    /// </summary>
    private async Task CatchUpAsync(long after, string? epoch, CancellationToken cancellationToken)
    {
        if (_backplane is InMemoryRealtimeBackplane)
        {
            return;
        }

        var deadline = TimeProvider.GetTimestamp() + (long)(2 * TimeProvider.TimestampFrequency);
        while (true)
        {
            Task advanced;
            lock (_gate)
            {
                if (after <= _seq || (epoch is not null && epoch != _epoch))
                {
                    return;
                }

                advanced = (_advanced ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            var left = TimeProvider.GetElapsedTime(TimeProvider.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            try
            {
                await advanced.WaitAsync(left, TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return;
            }
        }
    }

    /// <summary>Fetches from the backplane what a resume needs and this node's replay buffer no longer holds.</summary>
    private async Task<IReadOnlyList<RealtimeMessage>?> ReadHistoryAsync(long after, string? epoch, CancellationToken cancellationToken)
    {
        long through;
        lock (_gate)
        {
            if ((epoch is not null && epoch != _epoch) || after >= _seq || _replay.Covers(after))
            {
                return null;
            }

            through = _replay.DroppedThrough;
        }

        try
        {
            return await _backplane.ReadAsync(after, through, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.HistoryFailed(_logger, e, after);
            return null;
        }
    }

    internal void SetFilter(RealtimeConnection connection, TypeFilter filter)
    {
        lock (_gate)
        {
            connection.Filter = filter;
        }
    }

    private void Register(RealtimeConnection connection, RealtimeConnectionRequest request, IReadOnlyList<RealtimeMessage>? history)
    {
        lock (_gate)
        {
            _connections.Add(connection);
            if (request.ResumeAfter is { } after)
            {
                ResumeLocked(connection, after, request.ResumeEpoch, WelcomeFrame(connection), history);
            }
            else
            {
                connection.Enqueue(WelcomeFrame(connection), 0);
            }
        }
    }

    private void ResumeLocked(RealtimeConnection connection, long after, string? epoch, byte[]? welcome = null, IReadOnlyList<RealtimeMessage>? history = null)
    {
        var now = TimeProvider.GetUtcNow();
        _replay.Expire(now);

        // The backplane's history may bridge the gap between the client's position and this node's replay buffer.
        var bridged = history is { Count: > 0 } && history[0].Seq == after + 1 && _replay.Covers(history[^1].Seq);
        var reason = epoch is not null && epoch != _epoch ? "epoch" : after > _seq ? "ahead" : !_replay.Covers(after) && !bridged ? "gap" : null;
        var frames = new List<byte[]>();
        if (reason is null)
        {
            frames.Add([]);
            var from = after;
            if (bridged)
            {
                frames.AddRange(history!.Where(connection.Accepts).Select(WireFormat.Event));
                from = history![^1].Seq;
            }

            frames.AddRange(_replay.After(from).Where(e => connection.Accepts(e.Message)).Select(e => e.Frame));
            frames[0] = WireFormat.Control(WireFormat.Resumed, (After: after, Seq: _seq, Replayed: frames.Count - 1), static (w, s) =>
            {
                w.WriteNumber("after"u8, s.After);
                w.WriteNumber("seq"u8, s.Seq);
                w.WriteNumber("replayed"u8, s.Replayed);
            }, now);
        }
        else
        {
            frames.Add(ResetFrame(reason, now));
            Log.ResumeRefused(_logger, connection.Id, after, reason);
        }

        if (welcome is not null)
        {
            frames.Insert(0, welcome);
        }

        connection.Restart(frames, _seq);
    }

    private byte[] ResetFrame(string reason, DateTimeOffset now) =>
        WireFormat.Control(WireFormat.Reset, (Reason: reason, Epoch: _epoch, Seq: _seq), static (w, s) =>
        {
            w.WriteString("reason"u8, s.Reason);
            w.WriteString("epoch"u8, s.Epoch);
            w.WriteNumber("seq"u8, s.Seq);
        }, now);

    private byte[] WelcomeFrame(RealtimeConnection connection) =>
        WireFormat.Control(WireFormat.Welcome, (this, connection), static (w, s) =>
        {
            var (hub, connection) = s;
            var options = hub._options;
            w.WriteString("stream"u8, options.Stream);
            w.WriteString("epoch"u8, hub._epoch);
            w.WriteNumber("seq"u8, hub._seq);
            w.WriteString("connectionId"u8, connection.Id);
            w.WriteNumber("heartbeatInterval"u8, (long)options.HeartbeatInterval.TotalMilliseconds);
            w.WriteStartObject("replay"u8);
            w.WriteNumber("maxEvents"u8, options.ReplayCapacity);
            w.WriteNumber("windowSeconds"u8, (long)options.ReplayWindow.TotalSeconds);
            w.WriteEndObject();
            w.WriteStartObject("limits"u8);
            w.WriteNumber("maxMessageBytes"u8, options.MaxInboundMessageBytes);
            w.WriteNumber("messagesPerSecond"u8, options.InboundMessagesPerSecond);
            w.WriteNumber("burst"u8, options.InboundBurst);
            w.WriteNumber("sendQueue"u8, options.SendQueueCapacity);
            w.WriteEndObject();
            connection.Filter.Write(w);
        }, TimeProvider.GetUtcNow());

    private void Deliver(RealtimeMessage message)
    {
        var frame = WireFormat.Event(message);
        var now = TimeProvider.GetTimestamp();
        lock (_gate)
        {
            _seq = message.Seq;
            SignalAdvanced();
            _replay.Add(message, frame);
            _replay.Expire(message.Timestamp);
            foreach (var connection in _connections)
            {
                if (connection.Accepts(message))
                {
                    connection.Enqueue(frame, message.Seq, now);
                }
            }
        }
    }

    /// <summary>Wakes resumes waiting in <see cref="CatchUpAsync"/> for this node to catch up (under the lock; nothing to do when none waits).</summary>
    private void SignalAdvanced()
    {
        if (_advanced is { } advanced)
        {
            _advanced = null;
            advanced.TrySetResult();
        }
    }

    private void ChangeEpoch(string epoch, long lastSeq)
    {
        lock (_gate)
        {
            var first = _epoch.Length == 0;
            _epoch = epoch;
            _seq = lastSeq;
            SignalAdvanced();
            _replay.Clear(lastSeq);
            if (!first)
            {
                var reset = ResetFrame("epoch", TimeProvider.GetUtcNow());
                foreach (var connection in _connections)
                {
                    connection.Restart([reset], lastSeq);
                }
            }
        }
    }

    private void Notify(RealtimeConnectionInfo info, bool connected)
    {
        foreach (var observer in _observers)
        {
            try
            {
                if (connected)
                {
                    observer.OnConnected(info);
                }
                else
                {
                    observer.OnDisconnected(info);
                }
            }
            catch (Exception e)
            {
                Log.ObserverFailed(_logger, e, observer.GetType().Name);
            }
        }
    }

    private sealed class Subscriber(RealtimeHub hub) : IRealtimeBackplaneSubscriber
    {
        public void OnEpoch(string epoch, long lastSeq) => hub.ChangeEpoch(epoch, lastSeq);

        public void OnMessage(RealtimeMessage message) => hub.Deliver(message);
    }

    internal static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Realtime connection {ConnectionId} opened (user {UserId}).")]
        public static partial void Opened(ILogger logger, string connectionId, string? userId);

        [LoggerMessage(2, LogLevel.Debug, "Realtime connection {ConnectionId} closed with {CloseCode} ({Reason}).")]
        public static partial void Closed(ILogger logger, string connectionId, int closeCode, string reason);

        [LoggerMessage(3, LogLevel.Warning, "Realtime connection {ConnectionId} read too slowly: more than {Behind} behind; disconnecting it so that it resumes.")]
        public static partial void SlowConsumer(ILogger logger, string connectionId, string behind);

        [LoggerMessage(4, LogLevel.Information, "Realtime connection {ConnectionId} broke the protocol ({CloseCode}: {Reason}); closing it.")]
        public static partial void Violation(ILogger logger, string connectionId, int closeCode, string reason);

        [LoggerMessage(5, LogLevel.Information, "Realtime connection {ConnectionId} could not resume after {After}: {Reason}; sent reset.")]
        public static partial void ResumeRefused(ILogger logger, string connectionId, long after, string reason);

        [LoggerMessage(6, LogLevel.Error, "Realtime connection observer {Observer} failed.")]
        public static partial void ObserverFailed(ILogger logger, Exception exception, string observer);

        [LoggerMessage(8, LogLevel.Warning, "Reading history after {After} from the backplane failed; the client gets a reset.")]
        public static partial void HistoryFailed(ILogger logger, Exception exception, long after);

        [LoggerMessage(7, LogLevel.Debug, "Realtime connection {ConnectionId} failed.")]
        public static partial void ConnectionFailed(ILogger logger, Exception exception, string connectionId);
    }
}
