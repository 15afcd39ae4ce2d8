using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace AssistantKit.Realtime;

/// <summary>
/// Receives the realtime event stream and never loses an event within the server's replay window: it reconnects forever
/// by default (also when the first connect fails) with exponential backoff and full jitter, detects dead connections by
/// heartbeat, and on every reconnect resumes after the last event it accepted, so handlers see each event once, in order.
/// When the gap is older than the replay window, handlers get a <see cref="RealtimeEventTypes.Reset"/> event instead.
/// </summary>
/// <remarks>
/// Handlers run one at a time, in event order, on a background task. A slow handler does not stall the connection: up to
/// <see cref="RealtimeClientOptions.HandOffCapacity"/> events wait for it; beyond that the client disconnects, waits until the
/// backlog halves, and resumes. A handler's exception is logged and does not stop delivery.
/// </remarks>
public sealed partial class RealtimeClient : IAsyncDisposable
{
    private static readonly byte[] PingFrame = "{\"type\":\"ping\"}"u8.ToArray();

    private readonly RealtimeClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly JsonSerializerOptions _payloadOptions;
    private readonly Channel<RealtimeEvent> _handOff;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstConnection = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _gate = new();
    private Registration[] _handlers = [];
    private Channel<RealtimeEvent>[] _readers = [];
    private Task? _run;
    private Task? _dispatch;
    private ClientWebSocket? _socket;
    private TaskCompletionSource? _drained;
    private Exception? _lastError;
    private long _lastReceived;
    private int _state;
    private string? _epoch;
    private long _lastSeq;
    private bool _welcomed;
    private bool _welcomedThisSession;

    /// <summary>Creates a client; call <see cref="ConnectAsync"/> to start it.</summary>
    /// <param name="options">The settings (validated now).</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public RealtimeClient(RealtimeClientOptions options, ILogger<RealtimeClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = options.TimeProvider;
        _payloadOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = options.PayloadTypeInfoResolver is { } resolver ? JsonTypeInfoResolver.Combine(RealtimeJsonContext.Default, resolver) : RealtimeJsonContext.Default,
        };
        _payloadOptions.MakeReadOnly();
        _handOff = Channel.CreateBounded<RealtimeEvent>(new BoundedChannelOptions(options.HandOffCapacity) { SingleReader = true, SingleWriter = true });
    }

    /// <summary>Raised when <see cref="State"/> changes (on the connection's background task; keep handlers quick).</summary>
    public event EventHandler<RealtimeStateChangedEventArgs>? StateChanged;

    /// <summary>Gets the connection state.</summary>
    public RealtimeConnectionState State => (RealtimeConnectionState)Volatile.Read(ref _state);

    /// <summary>Gets the stream epoch and the sequence number of the last event accepted: where the client resumes.</summary>
    public (string? Epoch, long Seq) Position
    {
        get
        {
            lock (_gate)
            {
                return (_epoch, _lastSeq);
            }
        }
    }

    /// <summary>
    /// Starts the client and waits until it is connected. The client keeps connecting in the background until it is
    /// disposed; cancelling <paramref name="cancellationToken"/> only stops the wait.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the first connection is established.</returns>
    /// <exception cref="RealtimeConnectionException">The client gave up (<see cref="RealtimeClientOptions.MaxReconnectAttempts"/>) before connecting.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        lock (_gate)
        {
            if (_run is null)
            {
                _dispatch = Task.Run(DispatchAsync, CancellationToken.None);
                _run = Task.Run(RunAsync, CancellationToken.None);
            }
        }

        return _firstConnection.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Calls <paramref name="handler"/> for each event of <paramref name="type"/> (<c>*</c> for every type).</summary>
    /// <param name="type">The event type, for example <see cref="RealtimeEventTypes.Activity"/>.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>Disposing it removes the handler.</returns>
    public IDisposable On(string type, Func<RealtimeEvent, ValueTask> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(handler);
        var registration = new Registration(this, type, handler);
        lock (_gate)
        {
            _handlers = [.. _handlers, registration];
        }

        return registration;
    }

    /// <summary>Calls <paramref name="handler"/> for each event of <paramref name="type"/> (<c>*</c> for every type).</summary>
    /// <param name="type">The event type.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>Disposing it removes the handler.</returns>
    public IDisposable On(string type, Action<RealtimeEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return On(type, e =>
        {
            handler(e);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>
    /// Calls <paramref name="handler"/> with the typed payload of each event of <paramref name="type"/>. The payload types of
    /// the five dashboard events are known; others need <see cref="RealtimeClientOptions.PayloadTypeInfoResolver"/>.
    /// An event whose payload does not fit <typeparamref name="T"/> is logged and skipped for this handler.
    /// </summary>
    /// <typeparam name="T">The payload type, for example <see cref="SystemHealthUpdate"/>.</typeparam>
    /// <param name="type">The event type.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>Disposing it removes the handler.</returns>
    /// <exception cref="NotSupportedException">No JSON metadata is known for <typeparamref name="T"/>.</exception>
    public IDisposable On<T>(string type, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var typeInfo = (JsonTypeInfo<T>)_payloadOptions.GetTypeInfo(typeof(T));
        return On(type, e =>
        {
            T payload;
            try
            {
                payload = e.GetData(typeInfo);
            }
            catch (JsonException error)
            {
                Log.BadPayload(_logger, error, e.Type, e.Seq, typeof(T).Name);
                return ValueTask.CompletedTask;
            }

            handler(payload);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>
    /// Reads every event (and <see cref="RealtimeEventTypes.Reset"/>) from now on, in order, until <paramref name="cancellationToken"/>
    /// is cancelled or the client is disposed. Each call gets its own copy of the stream; a reader that falls behind slows
    /// delivery (see the class remarks), it does not lose events.
    /// </summary>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The events.</returns>
    public async IAsyncEnumerable<RealtimeEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<RealtimeEvent>(new BoundedChannelOptions(_options.HandOffCapacity) { SingleReader = true, SingleWriter = true });
        lock (_gate)
        {
            _readers = [.. _readers, channel];
        }

        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            lock (_gate)
            {
                _readers = [.. _readers.Where(r => r != channel)];
            }

            channel.Writer.TryComplete();
        }
    }

    /// <summary>Closes the connection, stops reconnecting and ends <see cref="ReadAllAsync"/> after the events already received.</summary>
    /// <returns>A task that completes when the client has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        if (_socket is { State: WebSocketState.Open } socket)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _sendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
                try
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "client closing", timeout.Token).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
            }
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_run is not null)
        {
            await _run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _handOff.Writer.TryComplete();
        if (_dispatch is not null)
        {
            await _dispatch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        SetState(RealtimeConnectionState.Disconnected, null, null);
        _firstConnection.TrySetException(new ObjectDisposedException(nameof(RealtimeClient)));
        _stop.Dispose();
        _sendLock.Dispose();
    }

    /// <summary>Aborts the current connection as a network failure would (tests and chaos); the client reconnects and resumes.</summary>
    internal void AbortConnection() => _socket?.Abort();

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.MaxReconnectAttempts ?? int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !stop.IsCancellationRequested),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(FullJitter(args.AttemptNumber + 1)),
                OnRetry = args =>
                {
                    Log.AttemptFailed(_logger, args.Outcome.Exception, args.AttemptNumber + 1, args.RetryDelay);
                    SetState(_welcomed ? RealtimeConnectionState.Reconnecting : RealtimeConnectionState.Connecting, args.Outcome.Exception, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

        SetState(RealtimeConnectionState.Connecting, null, null);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await pipeline.ExecuteAsync(static (client, token) => client.SessionAsync(token), this, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.GaveUp(_logger, e, _options.MaxReconnectAttempts ?? 0);
                SetState(RealtimeConnectionState.Disconnected, e, null);
                _firstConnection.TrySetException(new RealtimeConnectionException("The realtime client gave up connecting.", e));
                return;
            }

            // A connected session ended: wait for a lagging consumer, then reconnect after a jittered pause so that clients
            // dropped together (server restart) do not come back together.
            var delay = FullJitter(0);
            SetState(RealtimeConnectionState.Reconnecting, _lastError, delay);
            try
            {
                if (_drained is { } drained)
                {
                    await drained.Task.WaitAsync(stop).ConfigureAwait(false);
                    _drained = null;
                }

                await Task.Delay(delay, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One connection: connect, then receive until it drops. Throws when it failed before the server's welcome (the pipeline retries), returns after a connected session ended.</summary>
    private async ValueTask SessionAsync(CancellationToken stop)
    {
        using var socket = new ClientWebSocket();
        _options.ConfigureWebSocket?.Invoke(socket.Options);
        if (_options.AccessTokenProvider is { } tokenProvider && await tokenProvider(stop).ConfigureAwait(false) is { Length: > 0 } token)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        }

        _lastError = null;
        var uri = BuildUri();
        Log.Connecting(_logger, uri.GetLeftPart(UriPartial.Path));
        using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop))
        {
            connectTimeout.CancelAfter(_options.ConnectTimeout);
            await socket.ConnectAsync(uri, connectTimeout.Token).ConfigureAwait(false);
        }

        _socket = socket;
        var welcomed = false;
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stop);
        Volatile.Write(ref _lastReceived, _time.GetTimestamp());
        var heartbeat = HeartbeatAsync(socket, session.Token);
        try
        {
            welcomed = await ReceiveAsync(socket, session.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!stop.IsCancellationRequested && e is WebSocketException or IOException or OperationCanceledException or RealtimeConnectionException)
        {
            _lastError ??= e;
            welcomed = _welcomedThisSession;
        }
        finally
        {
            _welcomedThisSession = false;
            _socket = null;
            await session.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        stop.ThrowIfCancellationRequested();
        if (!welcomed)
        {
            throw _lastError ?? new RealtimeConnectionException("The connection closed before the server's welcome.");
        }

        Log.Lost(_logger, _lastError?.Message ?? "closed");
    }

    /// <summary>Receives frames until the connection ends; returns whether the server's welcome arrived.</summary>
    private async Task<bool> ReceiveAsync(ClientWebSocket socket, CancellationToken token)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        while (true)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            var oversized = false;
            do
            {
                if (buffer.WrittenCount >= _options.MaxMessageBytes)
                {
                    oversized = true;
                    buffer.ResetWrittenCount();
                }

                result = await socket.ReceiveAsync(buffer.GetMemory(8 * 1024), token).ConfigureAwait(false);
                buffer.Advance(result.Count);
                Volatile.Write(ref _lastReceived, _time.GetTimestamp());
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    var code = (int?)socket.CloseStatus;
                    _lastError = new RealtimeConnectionException($"The server closed the connection: {code} {socket.CloseStatusDescription}".TrimEnd()) { CloseCode = code };
                    return _welcomedThisSession;
                }
            }
            while (!result.EndOfMessage);

            if (oversized)
            {
                Log.Oversized(_logger, _options.MaxMessageBytes);
                continue;
            }

            if (WireFormat.ReadServerFrame(buffer.WrittenSpan) is not { } frame)
            {
                Log.Malformed(_logger, Encoding.UTF8.GetString(buffer.WrittenSpan[..Math.Min(buffer.WrittenCount, 200)]));
                continue;
            }

            if (!Accept(frame))
            {
                // The handlers are this far behind: stop reading, let them catch up, resume after the last accepted event.
                Log.Lagging(_logger, _options.HandOffCapacity);
                _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _lastError = new RealtimeConnectionException("The handlers fell behind; reconnecting after they catch up.");
                socket.Abort();
                return _welcomedThisSession;
            }
        }
    }

    /// <summary>Handles one frame; returns <see langword="false"/> when the hand-off to the handlers is full.</summary>
    private bool Accept(RealtimeEvent frame)
    {
        switch (frame.Type)
        {
            case WireFormat.Welcome:
                lock (_gate)
                {
                    var epoch = frame.Data.TryGetProperty("epoch"u8, out var e) ? e.GetString() : null;
                    if (_epoch is null)
                    {
                        _epoch = epoch;
                        _lastSeq = frame.Data.TryGetProperty("seq"u8, out var s) && s.TryGetInt64(out var seq) ? seq : 0;
                    }
                }

                _welcomed = _welcomedThisSession = true;
                SetState(RealtimeConnectionState.Connected, null, null);
                _firstConnection.TrySetResult();
                return true;
            case WireFormat.Reset:
                var reset = frame with { Seq = 0 };
                if (!_handOff.Writer.TryWrite(reset))
                {
                    return false;
                }

                lock (_gate)
                {
                    _epoch = frame.Data.TryGetProperty("epoch"u8, out var e) ? e.GetString() : _epoch;
                    _lastSeq = frame.Data.TryGetProperty("seq"u8, out var s) && s.TryGetInt64(out var seq) ? seq : 0;
                }

                Log.Reset(_logger, frame.Data.TryGetProperty("reason"u8, out var r) ? r.GetString() : null);
                return true;
            case WireFormat.Error:
                Log.ServerError(_logger, frame.Data.ToString());
                return true;
            case WireFormat.Pong or WireFormat.Resumed or WireFormat.Subscribed or WireFormat.Ping:
                return true;
        }

        if (frame.Seq > 0 && frame.Seq <= _lastSeq)
        {
            return true;
        }

        if (!_handOff.Writer.TryWrite(frame))
        {
            return false;
        }

        if (frame.Seq > 0)
        {
            lock (_gate)
            {
                _lastSeq = frame.Seq;
            }
        }

        return true;
    }

    private async Task HeartbeatAsync(ClientWebSocket socket, CancellationToken token)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.HeartbeatInterval, _time, token).ConfigureAwait(false);
                var sentAt = _time.GetTimestamp();
                await _sendLock.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    await socket.SendAsync(PingFrame, WebSocketMessageType.Text, endOfMessage: true, token).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }

                await Task.Delay(_options.HeartbeatTimeout, _time, token).ConfigureAwait(false);
                if (Volatile.Read(ref _lastReceived) < sentAt)
                {
                    _lastError = new RealtimeConnectionException($"No answer from the server within {_options.HeartbeatTimeout.TotalSeconds:0.#} s of a ping: the connection is dead.");
                    Log.HeartbeatMissed(_logger, _options.HeartbeatTimeout);
                    socket.Abort();
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException)
        {
        }
    }

    private async Task DispatchAsync()
    {
        await foreach (var item in _handOff.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            foreach (var registration in Volatile.Read(ref _handlers))
            {
                if (registration.Type == "*" || registration.Type == item.Type)
                {
                    try
                    {
                        await registration.Handler(item).ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        Log.HandlerFailed(_logger, e, item.Type, item.Seq);
                    }
                }
            }

            foreach (var reader in Volatile.Read(ref _readers))
            {
                try
                {
                    await reader.Writer.WriteAsync(item).ConfigureAwait(false);
                }
                catch (ChannelClosedException)
                {
                }
            }

            if (_drained is { } drained && _handOff.Reader.Count <= _options.HandOffCapacity / 2)
            {
                drained.TrySetResult();
            }
        }

        foreach (var reader in Volatile.Read(ref _readers))
        {
            reader.Writer.TryComplete();
        }
    }

    private Uri BuildUri()
    {
        var builder = new UriBuilder(_options.Uri!);
        builder.Scheme = builder.Scheme switch { "http" => "ws", "https" => "wss", var s => s };
        var query = new StringBuilder(builder.Query.TrimStart('?'));
        void Add(string name, string value) => query.Append(query.Length > 0 ? "&" : "").Append(name).Append('=').Append(Uri.EscapeDataString(value));
        var (epoch, seq) = Position;
        if (epoch is not null)
        {
            Add("lastSeq", seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add("epoch", epoch);
        }

        if (_options.Types is { } types)
        {
            Add("types", string.Join(',', types));
        }

        builder.Query = query.ToString();
        return builder.Uri;
    }

    private TimeSpan FullJitter(int attempt)
    {
        var cap = Math.Min(_options.MaxReconnectDelay.TotalMilliseconds, _options.InitialReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
    }

    private void SetState(RealtimeConnectionState state, Exception? error, TimeSpan? retryDelay)
    {
        var previous = (RealtimeConnectionState)Interlocked.Exchange(ref _state, (int)state);
        if (previous == state)
        {
            return;
        }

        try
        {
            StateChanged?.Invoke(this, new RealtimeStateChangedEventArgs(previous, state, error, retryDelay));
        }
        catch (Exception e)
        {
            Log.HandlerFailed(_logger, e, "StateChanged", 0);
        }
    }

    private sealed class Registration(RealtimeClient owner, string type, Func<RealtimeEvent, ValueTask> handler) : IDisposable
    {
        public string Type { get; } = type;

        public Func<RealtimeEvent, ValueTask> Handler { get; } = handler;

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._handlers = [.. owner._handlers.Where(h => h != this)];
            }
        }
    }

    private static partial class Log
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
}
