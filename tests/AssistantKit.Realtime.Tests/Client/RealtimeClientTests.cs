using System.Collections.Concurrent;
using System.Text;
using AssistantKit.TestUtils;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AssistantKit.Realtime.Tests.Client;

public sealed class RealtimeClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_TypedHandler_ReceivesDashboardPayloadsInOrder()
    {
        await using var server = await RealtimeTestServer.StartAsync();
        await using var client = server.CreateClient();
        var health = new TaskCompletionSource<SystemHealthUpdate>();
        var activities = new ConcurrentQueue<int>();
        client.On<SystemHealthUpdate>(RealtimeEventTypes.SystemHealth, h => health.TrySetResult(h));
        client.On(RealtimeEventTypes.Activity, e => activities.Enqueue(RealtimeTestServer.Number(e)));
        await client.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);

        await server.PublishNumbersAsync(100);
        var sent = new SystemHealthUpdate(HealthStatus.Warning, new PerformanceMetrics(91.5, 40, 12, 3600), [new HealthAlert("cpu", AlertLevel.Warning, "CPU usage is 91.5 %", DateTimeOffset.UnixEpoch)]);
        await server.Publisher.PublishSystemHealthAsync(sent, cancellationToken: Token);

        var received = await health.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);
        Assert.Equal(sent.Status, received.Status);
        Assert.Equal(sent.Performance, received.Performance);
        Assert.Equal(sent.Alerts, received.Alerts);
        Assert.Equal(Enumerable.Range(0, 100), activities);
        Assert.Equal(RealtimeConnectionState.Connected, client.State);
    }

    [Fact]
    public async Task ReadAllAsync_ConnectionsKilledAtRandom_EveryEventExactlyOnceInOrder()
    {
        const int Events = 100_000;
        await using var server = await RealtimeTestServer.StartAsync(o => o.ReplayCapacity = Events);
        await using var proxy = new TcpProxy(server.Port);
        await using var client = server.CreateClient(uri: proxy.RealtimeUri);
        var states = new ConcurrentQueue<RealtimeConnectionState>();
        client.StateChanged += (_, e) => states.Enqueue(e.Current);
        await client.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);

        var received = new List<int>(Events);
        var events = client.ReadAllAsync(Token).GetAsyncEnumerator(Token);
        var next = events.MoveNextAsync(); // registers the reader before anything is published
        var reading = Task.Run(async () =>
        {
            while (await next)
            {
                Assert.NotEqual(RealtimeEventTypes.Reset, events.Current.Type);
                received.Add(RealtimeTestServer.Number(events.Current));
                if (received.Count == Events)
                {
                    return;
                }

                next = events.MoveNextAsync();
            }
        }, Token);

        // Kill connections every ~1,500 events, rotating through a server-side abort, a client-side socket abort and a
        // network reset (the proxy drops the TCP connection).
        var kills = 0;
        var random = new Random(7);
        var nextKill = random.Next(1_000, 2_000);
        await server.PublishNumbersAsync(Events, between: async i =>
        {
            if (i != nextKill)
            {
                if (i % 500 == 0)
                {
                    await Task.Yield();
                }

                return;
            }

            nextKill += random.Next(1_000, 4_000);
            await Eventually.Until(() => client.State == RealtimeConnectionState.Connected && server.Hub.ConnectionCount == 1);
            switch (kills++ % 3)
            {
                case 0:
                    foreach (var connection in server.Hub.Connections)
                    {
                        connection.Abort();
                    }

                    break;
                case 1:
                    client.AbortConnection();
                    break;
                default:
                    proxy.KillAll();
                    break;
            }

            await Task.Delay(random.Next(0, 5));
        });

        try
        {
            await reading.WaitAsync(TimeSpan.FromSeconds(60), Token);
        }
        catch (TimeoutException)
        {
            var missing = Enumerable.Range(0, Events).Except(received).Take(5);
            Assert.Fail($"Received {received.Count:N0} of {Events:N0} (first missing: {string.Join(", ", missing)}; last: {received.LastOrDefault()}); client {client.State} at {client.Position}; server {server.Hub.Position}, {server.Hub.ConnectionCount} connections; {kills} kills.");
        }

        Assert.True(kills >= 20, $"only {kills} kills");
        Assert.Equal(Enumerable.Range(0, Events), received);
        Assert.True(states.Count(s => s == RealtimeConnectionState.Reconnecting) >= 20, $"reconnected {states.Count(s => s == RealtimeConnectionState.Reconnecting)} times");
    }

    [Fact]
    public async Task ConnectAsync_ServerNotYetUp_RetriesWithJitteredExponentialBackoffUntilItIs()
    {
        // On a fake clock: each retry waits a random delay below a cap that doubles from InitialReconnectDelay up to
        // MaxReconnectDelay, and the next attempt happens only when the clock has moved by that delay.
        var time = new FakeTimeProvider();
        var port = RealtimeTestServer.FreePort();
        var retries = new ConcurrentQueue<RealtimeStateChangedEventArgs>();
        await using var client = new RealtimeClient(new RealtimeClientOptions
        {
            Uri = new Uri($"ws://127.0.0.1:{port}/realtime"),
            InitialReconnectDelay = TimeSpan.FromSeconds(1),
            MaxReconnectDelay = TimeSpan.FromSeconds(8),
            TimeProvider = time,
        });
        client.StateChanged += (_, e) =>
        {
            if (e.RetryDelay is not null)
            {
                retries.Enqueue(e);
            }
        };
        var connecting = client.ConnectAsync(Token);

        var delays = new List<TimeSpan>();
        await Eventually.Until(() => retries.Count == 1); // the first attempt needs no time to pass
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var retry = retries.Last();
            Assert.Equal(RealtimeConnectionState.Connecting, retry.Current);
            Assert.NotNull(retry.Error);
            var delay = retry.RetryDelay!.Value;
            var cap = TimeSpan.FromSeconds(Math.Min(8, Math.Pow(2, attempt)));
            Assert.InRange(delay, TimeSpan.Zero, cap);
            delays.Add(delay);

            // Step the clock until the next attempt has failed: it must not come before the clock has moved by the delay.
            // It may come some steps later: the retry is reported just before its timer is set, and on a loaded machine the
            // clock keeps stepping while the attempt runs.
            var from = time.GetUtcNow();
            await Eventually.UntilAdvancing(time, TimeSpan.FromMilliseconds(50), () => retries.Count == attempt + 1);
            Assert.InRange(time.GetUtcNow() - from, delay - TimeSpan.FromMilliseconds(1), delay + TimeSpan.FromSeconds(5)); // timers round to whole milliseconds
        }

        Assert.True(delays.Distinct().Count() > 1, "the delays are random (full jitter), not fixed");
        Assert.False(connecting.IsCompleted);

        await using var server = await RealtimeTestServer.StartAsync(port: port);
        await Eventually.UntilAdvancing(time, TimeSpan.FromSeconds(1), () => connecting.IsCompleted);
        await connecting;
        Assert.Equal(RealtimeConnectionState.Connected, client.State);
    }

    [Fact]
    public async Task ConnectAsync_MaxReconnectAttemptsReached_GivesUpWithTheCause()
    {
        await using var client = new RealtimeClient(new RealtimeClientOptions
        {
            Uri = new Uri($"ws://127.0.0.1:{RealtimeTestServer.FreePort()}/realtime"),
            InitialReconnectDelay = TimeSpan.FromMilliseconds(10),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(20),
            MaxReconnectAttempts = 2,
        });

        var error = await Assert.ThrowsAsync<RealtimeConnectionException>(() => client.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token));
        Assert.NotNull(error.InnerException);
        Assert.Equal(RealtimeConnectionState.Disconnected, client.State);
    }

    [Fact]
    public async Task Resume_GapOlderThanReplayWindow_RaisesResetThenContinues()
    {
        await using var server = await RealtimeTestServer.StartAsync(o => o.ReplayCapacity = 10);
        await using var proxy = new TcpProxy(server.Port);
        await using var client = server.CreateClient(o => o.InitialReconnectDelay = o.MaxReconnectDelay = TimeSpan.FromMilliseconds(500), proxy.RealtimeUri);
        var events = new ConcurrentQueue<RealtimeEvent>();
        client.On("*", events.Enqueue);
        await client.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);
        await server.PublishNumbersAsync(5);
        await Eventually.Until(() => events.Count == 5);

        proxy.Freeze(); // the client cannot come back until Thaw
        proxy.KillAll();
        await Eventually.Until(() => server.Hub.ConnectionCount == 0);
        await server.PublishNumbersAsync(50, start: 5);
        proxy.Thaw();
        await Eventually.Until(() => events.Any(e => e.Type == RealtimeEventTypes.Reset));
        await server.PublishNumbersAsync(1, start: 55);
        await Eventually.Until(() => events.Count == 7);

        var list = events.ToArray();
        Assert.True(list[5].Type == RealtimeEventTypes.Reset, string.Join(", ", list.Select(e => $"{e.Type}#{e.Seq}")));
        var reset = list[5].AsReset();
        Assert.Equal("gap", reset.Reason);
        Assert.Equal(55, reset.Seq);
        Assert.Equal(55, RealtimeTestServer.Number(list[6]));
    }

    [Fact]
    public async Task Resume_EventsOlderThanReplayWindow_RaisesResetYoungerOnesAreReplayed()
    {
        // The server's clock is fake: the replay window (1 minute) is crossed by advancing it, not by waiting.
        var time = new FakeTimeProvider();
        await using var server = await RealtimeTestServer.StartAsync(o => o.ReplayWindow = TimeSpan.FromMinutes(1), time: time);
        await using var proxy = new TcpProxy(server.Port);
        await using var client = server.CreateClient(uri: proxy.RealtimeUri);
        var events = new ConcurrentQueue<RealtimeEvent>();
        client.On("*", events.Enqueue);
        await client.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);
        await server.PublishNumbersAsync(2);
        await Eventually.Until(() => events.Count == 2);

        // Away for 59 s: everything it missed is still in the window and is replayed.
        await Disconnect();
        await server.PublishNumbersAsync(2, start: 2);
        time.Advance(TimeSpan.FromSeconds(59));
        proxy.Thaw();
        await Eventually.Until(() => events.Count == 4);
        Assert.DoesNotContain(events, static e => e.Type == RealtimeEventTypes.Reset);

        // Away for 61 s: what it missed has left the window, so it gets a reset instead of a silent gap.
        await Disconnect();
        await server.PublishNumbersAsync(2, start: 4);
        time.Advance(TimeSpan.FromSeconds(61));
        proxy.Thaw();
        await Eventually.Until(() => events.Any(static e => e.Type == RealtimeEventTypes.Reset));
        await server.PublishNumbersAsync(1, start: 6);
        await Eventually.Until(() => events.Count == 6);
        var list = events.ToArray();
        Assert.Equal([0, 1, 2, 3], list[..4].Select(RealtimeTestServer.Number));
        Assert.Equal("gap", list[4].AsReset().Reason);
        Assert.Equal(6, RealtimeTestServer.Number(list[5]));

        async Task Disconnect()
        {
            proxy.Freeze();
            proxy.KillAll();
            await Eventually.Until(() => server.Hub.ConnectionCount == 0);
        }
    }

    [Fact]
    public async Task Heartbeat_ServerStopsAnswering_ClientReconnectsAfterIntervalPlusTimeout()
    {
        // On a fake clock with the default 30 s interval and 10 s timeout: a frozen connection is declared dead once the
        // clock passes a ping plus the timeout with no frame, and not before.
        var time = new FakeTimeProvider();
        await using var server = await RealtimeTestServer.StartAsync();
        await using var proxy = new TcpProxy(server.Port);
        await using var client = server.CreateClient(o => o.TimeProvider = time, proxy.RealtimeUri);
        var states = new ConcurrentQueue<RealtimeStateChangedEventArgs>();
        client.StateChanged += (_, e) => states.Enqueue(e);
        await client.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);

        proxy.Freeze();
        var frozenAt = time.GetUtcNow();
        await Eventually.UntilAdvancing(time, TimeSpan.FromSeconds(1), () => client.State == RealtimeConnectionState.Reconnecting);
        // Not before a ping (30 s) plus the timeout (10 s); later by as many steps as the ping took to send in real time.
        Assert.InRange(time.GetUtcNow() - frozenAt, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(60));
        proxy.Thaw();
        await Eventually.UntilAdvancing(time, TimeSpan.FromMilliseconds(100), () => client.State == RealtimeConnectionState.Connected);
        Assert.Contains(states, s => s.Current == RealtimeConnectionState.Reconnecting && s.Error?.Message.Contains("ping", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task On_SlowHandler_ReceivesEveryEventWithoutStallingTheConnection()
    {
        await using var server = await RealtimeTestServer.StartAsync(o => o.ReplayCapacity = 5_000);
        await using var client = server.CreateClient(o => o.HandOffCapacity = 50);
        var received = new List<int>();
        client.On(RealtimeEventTypes.Activity, async e =>
        {
            received.Add(RealtimeTestServer.Number(e));
            if (received.Count % 10 == 0)
            {
                await Task.Delay(2);
            }
        });
        await client.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);

        await server.PublishNumbersAsync(2_000);
        await Eventually.Until(() => received.Count >= 2_000, TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, 2_000), received);
    }

    [Fact]
    public async Task On_HandlerAlternatesFastAndSlow_SmallHandOff_NeverStallsTheConnectionLoop()
    {
        // The hand-off fills, the client pauses and waits for the handlers to work the backlog down to half. If they got
        // there before the waiting side was ready to be woken (here: while a synchronous logger writes the "lagging"
        // warning), the wake-up was lost and the client never reconnected. Many rounds, a tiny hand-off, a handler that
        // alternates fast and slow: every event must still arrive.
        await using var server = await RealtimeTestServer.StartAsync(o => o.ReplayCapacity = 10_000);
        using var loggers = LoggerFactory.Create(b => b.AddProvider(new SlowLoggerProvider(TimeSpan.FromMilliseconds(3))));
        const int Events = 1_000;
        for (var round = 0; round < 4; round++)
        {
            await using var client = server.CreateClient(o => o.HandOffCapacity = 4, logger: loggers.CreateLogger<RealtimeClient>());
            var received = new List<int>();
            client.On(RealtimeEventTypes.Activity, async e =>
            {
                received.Add(RealtimeTestServer.Number(e));
                if (received.Count % 2 == 0)
                {
                    await Task.Yield();
                }
            });
            await client.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);
            var start = round * Events;

            await server.PublishNumbersAsync(Events, start);
            await Eventually.Until(() => received.Count >= Events, TimeSpan.FromSeconds(30));
            Assert.Equal(Enumerable.Range(start, Events), received);
        }
    }

    /// <summary>A synchronous logger that takes its time for warnings, as a console logger under load does.</summary>
    private sealed class SlowLoggerProvider(TimeSpan delay) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Thread.Sleep(delay);

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task Types_Filter_OnlySubscribedTypesArrive()
    {
        await using var server = await RealtimeTestServer.StartAsync();
        await using var client = server.CreateClient(o => o.Types = [RealtimeEventTypes.Notification]);
        var types = new ConcurrentQueue<string>();
        client.On("*", e => types.Enqueue(e.Type));
        await client.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);

        await server.PublishNumbersAsync(3);
        await server.PublishNumbersAsync(3, type: RealtimeEventTypes.Notification);
        await Eventually.Until(() => types.Count >= 3); // the third notification is the sentinel: events arrive in order, so nothing filtered out came before it
        Assert.Equal([RealtimeEventTypes.Notification, RealtimeEventTypes.Notification, RealtimeEventTypes.Notification], types);
    }

    [Fact]
    public async Task DisposeAsync_EndsReadAllAndClosesTheConnection()
    {
        await using var server = await RealtimeTestServer.StartAsync();
        var client = server.CreateClient();
        await client.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);
        var enumerator = client.ReadAllAsync(Token).GetAsyncEnumerator(Token);
        var next = enumerator.MoveNextAsync(); // registers the reader
        var read = 0;
        var reading = Task.Run(async () =>
        {
            while (await next)
            {
                Interlocked.Increment(ref read);
                next = enumerator.MoveNextAsync();
            }

            return read;
        }, Token);
        await server.PublishNumbersAsync(3);
        await Eventually.Until(() => Volatile.Read(ref read) == 3);
        await client.DisposeAsync();
        Assert.Equal(3, await reading.WaitAsync(TimeSpan.FromSeconds(5), Token));
        Assert.Equal(RealtimeConnectionState.Disconnected, client.State);
        await Eventually.Until(() => server.Hub.ConnectionCount == 0);
    }

    [Fact]
    public void Options_Invalid_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => new RealtimeClient(new RealtimeClientOptions { Uri = new Uri("ftp://x/") }));
        Assert.Contains("Uri", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() => new RealtimeClient(new RealtimeClientOptions { Uri = new Uri("ws://x/"), Types = ["Bad Type"] }));
        Assert.Contains("Types", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() => new RealtimeClient(new RealtimeClientOptions { Uri = new Uri("ws://x/"), InitialReconnectDelay = TimeSpan.FromSeconds(5), MaxReconnectDelay = TimeSpan.FromSeconds(1), HandOffCapacity = 1 }));
        Assert.Contains("MaxReconnectDelay must be at least InitialReconnectDelay", error.Message, StringComparison.Ordinal);
        Assert.Contains("HandOffCapacity", error.Message, StringComparison.Ordinal);
    }
}
