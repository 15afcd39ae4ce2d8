using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace AssistantKit.Realtime;

/// <summary>
/// Hands events from the connection loop to the handlers and readers: one at a time, in order, on its own task, through a
/// bounded hand-off. When the hand-off is full the connection loop pauses and waits, through <see cref="WaitForRoomAsync"/>,
/// until the backlog is down to half.
/// </summary>
/// <remarks>
/// Fields and their owners:
/// <list type="bullet">
/// <item><see cref="_handOff"/>: the connection loop writes (<see cref="TryEnqueue"/>), the dispatch task reads.</item>
/// <item><see cref="_handlers"/>, <see cref="_readers"/>: copy-on-write arrays replaced under <see cref="_gate"/> by whoever
/// adds or removes one; the dispatch task reads a snapshot with <c>Volatile.Read</c>.</item>
/// <item><see cref="_roomWaiter"/>: published by the waiting connection loop, completed by whichever side sees the backlog at
/// half: the dispatch task after each event, or the waiter itself when it checks again right after publishing. Because each
/// side checks after its own write (the channel's count is read and changed under the channel's lock, the waiter published
/// with a full fence), no wake-up is lost.</item>
/// <item><see cref="_run"/>: set once by <see cref="Start"/> (under <see cref="_gate"/>), awaited by <see cref="CompleteAsync"/>.</item>
/// </list>
/// </remarks>
internal sealed class EventDispatcher(int capacity, ILogger logger)
{
    private readonly Channel<RealtimeEvent> _handOff = Channel.CreateBounded<RealtimeEvent>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
    private readonly Lock _gate = new();
    private Handler[] _handlers = [];
    private Channel<RealtimeEvent>[] _readers = [];
    private TaskCompletionSource? _roomWaiter;
    private Task? _run;

    /// <summary>Starts the dispatch task (once).</summary>
    public void Start()
    {
        lock (_gate)
        {
            _run ??= Task.Run(RunAsync, CancellationToken.None);
        }
    }

    /// <summary>Hands an event over; <see langword="false"/> when the hand-off is full (the handlers are <c>capacity</c> events behind).</summary>
    public bool TryEnqueue(RealtimeEvent item) => _handOff.Writer.TryWrite(item);

    /// <summary>Waits until at most half of the hand-off is in use.</summary>
    public async Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _roomWaiter, waiter);
        if (HasRoom)
        {
            waiter.TrySetResult(); // the handlers got there before the waiter was published
        }

        try
        {
            await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.CompareExchange(ref _roomWaiter, null, waiter);
        }
    }

    /// <summary>Calls <paramref name="handler"/> for each event of <paramref name="type"/> (<c>*</c> for every type); disposing the result removes it.</summary>
    public IDisposable AddHandler(string type, Func<RealtimeEvent, ValueTask> handler)
    {
        var registration = new Handler(this, type, handler);
        lock (_gate)
        {
            _handlers = [.. _handlers, registration];
        }

        return registration;
    }

    /// <summary>Every event from now on, in order, as its own copy of the stream (bounded like the hand-off).</summary>
    public async IAsyncEnumerable<RealtimeEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<RealtimeEvent>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
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

    /// <summary>Lets the events already handed over be dispatched, then ends the readers' streams.</summary>
    public async Task CompleteAsync()
    {
        _handOff.Writer.TryComplete();
        Task? run;
        lock (_gate)
        {
            run = _run;
        }

        if (run is not null)
        {
            await run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        foreach (var reader in Volatile.Read(ref _readers))
        {
            reader.Writer.TryComplete();
        }
    }

    private bool HasRoom => _handOff.Reader.Count <= capacity / 2;

    private async Task RunAsync()
    {
        await foreach (var item in _handOff.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            foreach (var handler in Volatile.Read(ref _handlers))
            {
                if (handler.Type == "*" || handler.Type == item.Type)
                {
                    try
                    {
                        await handler.Callback(item).ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        ClientLog.HandlerFailed(logger, e, item.Type, item.Seq);
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

            if (Volatile.Read(ref _roomWaiter) is { } waiter && HasRoom)
            {
                waiter.TrySetResult();
            }
        }
    }

    private sealed class Handler(EventDispatcher owner, string type, Func<RealtimeEvent, ValueTask> callback) : IDisposable
    {
        public string Type { get; } = type;

        public Func<RealtimeEvent, ValueTask> Callback { get; } = callback;

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._handlers = [.. owner._handlers.Where(h => h != this)];
            }
        }
    }
}
