using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace AssistantKit.Realtime;

/// <summary>
/// The client's connection loop: connects (retrying with exponential backoff and full jitter), receives frames and hands
/// events to the <see cref="EventDispatcher"/>, pings the server and treats silence as a dead connection, and after a drop
/// reconnects and resumes from the <see cref="ResumeCursor"/>. When the hand-off is full it stops reading, waits until the
/// handlers are down to half, and resumes.
/// </summary>
/// <remarks>
/// Fields and their owners:
/// <list type="bullet">
/// <item>The loop task owns <see cref="_welcomed"/>, <see cref="_welcomedThisSession"/> and <see cref="_handOffFull"/>:
/// nothing else reads or writes them.</item>
/// <item><see cref="_socket"/>: written by the loop task when a session starts and ends; read (volatile) by
/// <see cref="Abort"/> and <see cref="CloseAsync"/> from other threads.</item>
/// <item><see cref="_lastError"/>: the cause of the current session's end. Cleared by the loop task when a session starts;
/// set once per session (first cause wins, <see cref="Interlocked.CompareExchange{T}(ref T, T, T)"/>) by the receive path or
/// the heartbeat task.</item>
/// <item><see cref="_lastReceived"/>: written (volatile) by the receive path, read by the heartbeat task.</item>
/// <item><see cref="_state"/>: changed with <see cref="Interlocked.Exchange(ref int, int)"/> by the loop task (and once by
/// <see cref="MarkDisconnected"/> after the loop ended); read by anyone.</item>
/// <item><see cref="_sendLock"/>: serializes sends of the heartbeat task and <see cref="CloseAsync"/>.</item>
/// </list>
/// </remarks>
internal sealed class ConnectionLoop
{
    private static readonly byte[] PingFrame = "{\"type\":\"ping\"}"u8.ToArray();

    private readonly RealtimeClientOptions _options;
    private readonly ResumeCursor _cursor;
    private readonly EventDispatcher _dispatcher;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Action<RealtimeStateChangedEventArgs> _stateChanged;
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private ClientWebSocket? _socket;
    private Exception? _lastError;
    private long _lastReceived;
    private int _state;
    private bool _welcomed;
    private bool _welcomedThisSession;
    private bool _handOffFull;

    public ConnectionLoop(RealtimeClientOptions options, ResumeCursor cursor, EventDispatcher dispatcher, ILogger logger, Action<RealtimeStateChangedEventArgs> stateChanged)
    {
        _options = options;
        _cursor = cursor;
        _dispatcher = dispatcher;
        _logger = logger;
        _time = options.TimeProvider;
        _stateChanged = stateChanged;
    }

    /// <summary>Gets the connection state.</summary>
    public RealtimeConnectionState State => (RealtimeConnectionState)Volatile.Read(ref _state);

    /// <summary>Completes when the first connection is established; fails when the loop gives up first.</summary>
    public Task Connected => _connected.Task;

    /// <summary>Runs until <paramref name="stop"/> is cancelled or the reconnect attempts are used up.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.MaxReconnectAttempts ?? int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !stop.IsCancellationRequested),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(FullJitter(args.AttemptNumber + 1)),
                OnRetry = args =>
                {
                    ClientLog.AttemptFailed(_logger, args.Outcome.Exception, args.AttemptNumber + 1, args.RetryDelay);
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
                await pipeline.ExecuteAsync(static (loop, token) => loop.SessionAsync(token), this, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                ClientLog.GaveUp(_logger, e, _options.MaxReconnectAttempts ?? 0);
                SetState(RealtimeConnectionState.Disconnected, e, null);
                _connected.TrySetException(new RealtimeConnectionException("The realtime client gave up connecting.", e));
                return;
            }

            // A connected session ended: wait for lagging handlers, then reconnect after a jittered pause so that clients
            // dropped together (server restart) do not come back together.
            var delay = FullJitter(0);
            SetState(RealtimeConnectionState.Reconnecting, Volatile.Read(ref _lastError), delay);
            try
            {
                if (_handOffFull)
                {
                    await _dispatcher.WaitForRoomAsync(stop).ConfigureAwait(false);
                    _handOffFull = false;
                }

                await Task.Delay(delay, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Aborts the current connection as a network failure would; the loop reconnects and resumes.</summary>
    public void Abort() => Volatile.Read(ref _socket)?.Abort();

    /// <summary>Sends a normal close to the server (at most <paramref name="timeout"/>); the loop then ends its session.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        if (Volatile.Read(ref _socket) is not { State: WebSocketState.Open } socket)
        {
            return;
        }

        using var cancel = new CancellationTokenSource(timeout, _time);
        try
        {
            await _sendLock.WaitAsync(cancel.Token).ConfigureAwait(false);
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "client closing", cancel.Token).ConfigureAwait(false);
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

    /// <summary>After the loop ended for good (disposal): state <see cref="RealtimeConnectionState.Disconnected"/>, and a pending <see cref="Connected"/> fails.</summary>
    public void MarkDisconnected()
    {
        SetState(RealtimeConnectionState.Disconnected, null, null);
        _connected.TrySetException(new ObjectDisposedException(nameof(RealtimeClient)));
    }

    /// <summary>One connection: connect, then receive until it drops. Throws when it failed before the server's welcome (the pipeline retries), returns after a connected session ended.</summary>
    private async ValueTask SessionAsync(CancellationToken stop)
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(RealtimeSubProtocols.Batch); // several frames per message if the server agrees
        _options.ConfigureWebSocket?.Invoke(socket.Options);
        if (_options.AccessTokenProvider is { } tokenProvider && await tokenProvider(stop).ConfigureAwait(false) is { Length: > 0 } token)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        }

        Volatile.Write(ref _lastError, null);
        var uri = BuildUri();
        ClientLog.Connecting(_logger, uri.GetLeftPart(UriPartial.Path));
        using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop))
        {
            connectTimeout.CancelAfter(_options.ConnectTimeout);
            await socket.ConnectAsync(uri, connectTimeout.Token).ConfigureAwait(false);
        }

        Volatile.Write(ref _socket, socket);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stop);
        Volatile.Write(ref _lastReceived, _time.GetTimestamp());
        var heartbeat = HeartbeatAsync(socket, session.Token);
        try
        {
            await ReceiveAsync(socket, session.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!stop.IsCancellationRequested && e is WebSocketException or IOException or OperationCanceledException or RealtimeConnectionException)
        {
            Fail(e);
        }
        finally
        {
            Volatile.Write(ref _socket, null);
            await session.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var welcomed = _welcomedThisSession;
        _welcomedThisSession = false;
        stop.ThrowIfCancellationRequested();
        var error = Volatile.Read(ref _lastError);
        if (!welcomed)
        {
            throw error ?? new RealtimeConnectionException("The connection closed before the server's welcome.");
        }

        ClientLog.Lost(_logger, error?.Message ?? "closed");
    }

    /// <summary>Receives frames until the connection ends or the hand-off is full.</summary>
    private async Task ReceiveAsync(ClientWebSocket socket, CancellationToken token)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        var batched = socket.SubProtocol == RealtimeSubProtocols.Batch; // agreed at the handshake, for the whole connection
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
                    Fail(new RealtimeConnectionException($"The server closed the connection: {code} {socket.CloseStatusDescription}".TrimEnd()) { CloseCode = code });
                    return;
                }
            }
            while (!result.EndOfMessage);

            if (oversized)
            {
                ClientLog.Oversized(_logger, _options.MaxMessageBytes);
                continue;
            }

            // With the batch subprotocol a message holds frames one per line; without it, one frame.
            var message = buffer.WrittenSpan;
            while (message.Length > 0)
            {
                var end = batched ? message.IndexOf((byte)'\n') : -1;
                var line = end < 0 ? message : message[..end];
                message = end < 0 ? default : message[(end + 1)..];
                if (!Receive(line))
                {
                    // The handlers are this far behind: stop reading, let them catch up, resume after the last accepted event.
                    _handOffFull = true;
                    ClientLog.Lagging(_logger, _options.HandOffCapacity);
                    Fail(new RealtimeConnectionException("The handlers fell behind; reconnecting after they catch up."));
                    socket.Abort();
                    return;
                }
            }
        }
    }

    /// <summary>Reads and handles one frame; returns <see langword="false"/> when the hand-off to the handlers is full.</summary>
    private bool Receive(ReadOnlySpan<byte> line)
    {
        if (WireFormat.ReadServerFrame(line) is not { } frame)
        {
            ClientLog.Malformed(_logger, Encoding.UTF8.GetString(line[..Math.Min(line.Length, 200)]));
            return true;
        }

        return Accept(frame);
    }

    /// <summary>Handles one frame; returns <see langword="false"/> when the hand-off to the handlers is full.</summary>
    private bool Accept(RealtimeEvent frame)
    {
        switch (frame.Type)
        {
            case WireFormat.Welcome:
                _cursor.OnWelcome(Text(frame.Data, "epoch"u8), Position(frame.Data, "seq"u8));
                _welcomed = _welcomedThisSession = true;
                SetState(RealtimeConnectionState.Connected, null, null);
                _connected.TrySetResult();
                return true;
            case WireFormat.Reset:
                if (!_dispatcher.TryEnqueue(frame with { Seq = 0 }))
                {
                    return false;
                }

                _cursor.OnReset(Text(frame.Data, "epoch"u8), Position(frame.Data, "seq"u8));
                ClientLog.Reset(_logger, Text(frame.Data, "reason"u8));
                return true;
            case WireFormat.Error:
                ClientLog.ServerError(_logger, frame.Data.ToString());
                return true;
            case WireFormat.Pong or WireFormat.Resumed or WireFormat.Subscribed or WireFormat.Ping:
                return true;
        }

        if (_cursor.IsDuplicate(frame.Seq))
        {
            return true;
        }

        if (!_dispatcher.TryEnqueue(frame))
        {
            return false;
        }

        _cursor.Advance(frame.Seq);
        return true;
    }

    /// <summary>A string field of a control frame's data, or <see langword="null"/> when the data is not an object or the field not a valid string (a hostile server cannot make the client throw).</summary>
    private static string? Text(JsonElement data, ReadOnlySpan<byte> name)
    {
        try
        {
            return data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            return null; // not valid UTF-16 (an escaped lone surrogate)
        }
    }

    /// <summary>A non-negative sequence number of a control frame's data, or 0.</summary>
    private static long Position(JsonElement data, ReadOnlySpan<byte> name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var position) && position > 0 ? position : 0;

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
                    Fail(new RealtimeConnectionException($"No answer from the server within {_options.HeartbeatTimeout.TotalSeconds:0.#} s of a ping: the connection is dead."));
                    ClientLog.HeartbeatMissed(_logger, _options.HeartbeatTimeout);
                    socket.Abort();
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException)
        {
        }
    }

    /// <summary>Records why the session ends; the first cause wins.</summary>
    private void Fail(Exception error) => Interlocked.CompareExchange(ref _lastError, error, null);

    private Uri BuildUri()
    {
        var builder = new UriBuilder(_options.Uri!);
        builder.Scheme = builder.Scheme switch { "http" => "ws", "https" => "wss", var s => s };
        var query = new StringBuilder(builder.Query.TrimStart('?'));
        void Add(string name, string value) => query.Append(query.Length > 0 ? "&" : "").Append(name).Append('=').Append(Uri.EscapeDataString(value));
        var (epoch, seq) = _cursor.Position;
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
        // Every scheduled retry is reported, also when the state stays the same (a failed connect while connecting), so an
        // app can show "retrying in 3 s" and why.
        var previous = (RealtimeConnectionState)Interlocked.Exchange(ref _state, (int)state);
        if (previous != state || retryDelay is not null)
        {
            _stateChanged(new RealtimeStateChangedEventArgs(previous, state, error, retryDelay));
        }
    }
}
