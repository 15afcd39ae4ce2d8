using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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
/// backlog halves, and resumes. A handler's exception is logged and does not stop delivery. A frame from the server that
/// is not a JSON object with a string <c>type</c> is logged and ignored (<see href="https://github.com/assistantkit/assistantkit/blob/main/docs/hostile-input.md">the hostile-input contract</see>).
/// </remarks>
public sealed class RealtimeClient : IAsyncDisposable
{
    // The client owns three parts, each with one owner per field (see their remarks): the connection loop (connect, receive,
    // heartbeat, reconnect), the resume cursor (last accepted seq/epoch, duplicates) and the dispatcher (bounded hand-off to
    // the handlers, backpressure). The client itself only starts and stops them.
    private readonly ILogger _logger;
    private readonly JsonSerializerOptions _payloadOptions;
    private readonly ResumeCursor _cursor = new();
    private readonly EventDispatcher _dispatcher;
    private readonly ConnectionLoop _loop;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private Task? _run;

    /// <summary>Creates a client; call <see cref="ConnectAsync"/> to start it.</summary>
    /// <param name="options">The settings (validated now).</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public RealtimeClient(RealtimeClientOptions options, ILogger<RealtimeClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (new RealtimeClientOptionsValidator().Validate(null, options) is { Failed: true } invalid)
        {
            throw new ArgumentException(invalid.FailureMessage);
        }

        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _payloadOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = options.PayloadTypeInfoResolver is { } resolver ? JsonTypeInfoResolver.Combine(RealtimeJsonContext.Default, resolver) : RealtimeJsonContext.Default,
        };
        _payloadOptions.MakeReadOnly();
        _dispatcher = new EventDispatcher(options.HandOffCapacity, _logger);
        _loop = new ConnectionLoop(options, _cursor, _dispatcher, _logger, RaiseStateChanged);
    }

    /// <summary>Raised when <see cref="State"/> changes and on every scheduled reconnect attempt, with its delay and cause (on the connection's background task; keep handlers quick).</summary>
    public event EventHandler<RealtimeStateChangedEventArgs>? StateChanged;

    /// <summary>Gets the connection state.</summary>
    public RealtimeConnectionState State => _loop.State;

    /// <summary>Gets the stream epoch and the sequence number of the last event accepted: where the client resumes.</summary>
    public (string? Epoch, long Seq) Position => _cursor.Position;

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
                _dispatcher.Start();
                var stop = _stop.Token;
                _run = Task.Run(() => _loop.RunAsync(stop), CancellationToken.None);
            }
        }

        return _loop.Connected.WaitAsync(cancellationToken);
    }

    /// <summary>Calls <paramref name="handler"/> for each event of <paramref name="type"/> (<c>*</c> for every type).</summary>
    /// <param name="type">The event type, for example <see cref="RealtimeEventTypes.Activity"/>.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>Disposing it removes the handler.</returns>
    public IDisposable On(string type, Func<RealtimeEvent, ValueTask> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(handler);
        return _dispatcher.AddHandler(type, handler);
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
                ClientLog.BadPayload(_logger, error, e.Type, e.Seq, typeof(T).Name);
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
    public IAsyncEnumerable<RealtimeEvent> ReadAllAsync(CancellationToken cancellationToken = default) => _dispatcher.ReadAllAsync(cancellationToken);

    /// <summary>Closes the connection, stops reconnecting and ends <see cref="ReadAllAsync"/> after the events already received.</summary>
    /// <returns>A task that completes when the client has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _loop.CloseAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        Task? run;
        lock (_gate)
        {
            run = _run;
        }

        if (run is not null)
        {
            await run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await _dispatcher.CompleteAsync().ConfigureAwait(false);
        _loop.MarkDisconnected();
        _stop.Dispose();
    }

    /// <summary>Aborts the current connection as a network failure would (tests and chaos); the client reconnects and resumes.</summary>
    internal void AbortConnection() => _loop.Abort();

    private void RaiseStateChanged(RealtimeStateChangedEventArgs change)
    {
        try
        {
            StateChanged?.Invoke(this, change);
        }
        catch (Exception e)
        {
            ClientLog.HandlerFailed(_logger, e, "StateChanged", 0);
        }
    }
}
