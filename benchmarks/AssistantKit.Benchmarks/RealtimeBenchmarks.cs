using System.Buffers.Text;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using AssistantKit.Realtime;
using AssistantKit.TestUtils;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AssistantKit.Benchmarks;

/// <summary>
/// Fan-out over loopback: one op publishes <see cref="EventsPerOp"/> events and waits until every client has them.
/// Baseline: the same clients, each fed the same frames by a bare per-socket send loop (no hub, queues, filters or replay).
/// </summary>
[MemoryDiagnoser]
public class RealtimeBenchmarks
{
    public const int EventsPerOp = 200;

    private FanOut _fanOut = null!;

    [Params(100, 1000)]
    public int Clients { get; set; }

    [GlobalSetup]
    public void Setup() => _fanOut = FanOut.StartAsync(Clients).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _fanOut.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = EventsPerOp)]
    public Task RawWebSocketSendLoops() => _fanOut.RawAsync(EventsPerOp);

    [Benchmark(OperationsPerInvoke = EventsPerOp)]
    public Task HubPublish() => _fanOut.PublishAsync(EventsPerOp);
}

/// <summary>
/// Cross-node fan-out through Redis against the in-memory single-node path, in the same run: clients split over two
/// nodes sharing a real redis-server; events published on the first node.
/// </summary>
[MemoryDiagnoser]
public class RedisRealtimeBenchmarks
{
    private FanOut _local = null!;
    private FanOut _redisFanOut = null!;
    private RedisServer _redis = null!;

    [Params(100, 1000)]
    public int Clients { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _redis = RedisServer.StartAsync().GetAwaiter().GetResult();
        _local = FanOut.StartAsync(Clients).GetAwaiter().GetResult();
        _redisFanOut = FanOut.StartAsync(Clients, _redis).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _local.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _redisFanOut.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _redis.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = RealtimeBenchmarks.EventsPerOp)]
    public Task InMemorySingleNode() => _local.PublishAsync(RealtimeBenchmarks.EventsPerOp);

    [Benchmark(OperationsPerInvoke = RealtimeBenchmarks.EventsPerOp)]
    public Task RedisTwoNodes() => _redisFanOut.PublishAsync(RealtimeBenchmarks.EventsPerOp);
}

/// <summary>A realtime server (or two sharing Redis) with N raw receiving clients that count frames (and record latency when asked).</summary>
public sealed class FanOut : IAsyncDisposable
{
    private readonly RealtimeTestServer _server;
    private readonly RealtimeTestServer? _second;
    private readonly List<ClientWebSocket> _sockets = [];
    private readonly List<WebSocket> _raw = [];
    private long _received;
    private long _target;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<double>[] _latencies;
    private bool _recordLatency;

    private FanOut(RealtimeTestServer server, RealtimeTestServer? second, int clients)
    {
        _server = server;
        _second = second;
        _latencies = [.. Enumerable.Range(0, clients).Select(_ => new List<double>())];
    }

    public static async Task<FanOut> StartAsync(int clients, RedisServer? redis = null)
    {
        FanOut? self = null;
        void Options(RealtimeServerOptions o) => (o.SendQueueCapacity, o.ReplayCapacity) = (10_000, 10_000);
        Action<IRealtimeBuilder>? backplane = redis is null ? null : r => r.AddRedisBackplane(o => o.Configuration = redis.Configuration);
        var server = await RealtimeTestServer.StartAsync(
            Options,
            backplane,
            configureApp: app => app.Map("/raw", async (HttpContext context) =>
            {
                var socket = await context.WebSockets.AcceptWebSocketAsync();
                lock (self!._raw)
                {
                    self._raw.Add(socket);
                }

                var buffer = new byte[256];
                while ((await socket.ReceiveAsync(buffer, default)).MessageType != WebSocketMessageType.Close)
                {
                }
            }));
        var second = redis is null ? null : await RealtimeTestServer.StartAsync(Options, backplane);
        self = new FanOut(server, second, clients);
        for (var i = 0; i < clients; i++)
        {
            await self.Connect(second is not null && i % 2 == 1 ? second.Uri : server.Uri, i);
            await self.Connect(new Uri($"ws://127.0.0.1:{server.Port}/raw"), i);
        }

        while (server.Hub.ConnectionCount + (second?.Hub.ConnectionCount ?? 0) < clients || self._raw.Count < clients)
        {
            await Task.Delay(10);
        }

        return self;
    }

    /// <summary>Publishes without awaiting each publish (issued in order on one connection), then waits for every delivery.</summary>
    public Task PublishAsync(int events) => Run(events, () =>
        Task.WhenAll(Enumerable.Range(0, events).Select(_ => _server.Publisher.PublishAsync(RealtimeEventTypes.Activity, Data()).AsTask()).ToArray()));

    /// <summary>Publishes one event at a time, awaiting each: the rate a serial publisher gets.</summary>
    public Task PublishSeriallyAsync(int events) => Run(events, async () =>
    {
        for (var i = 0; i < events; i++)
        {
            await _server.Publisher.PublishAsync(RealtimeEventTypes.Activity, Data());
        }
    });

    public Task RawAsync(int events) => Run(events, () =>
    {
        var frames = Enumerable.Range(0, events).Select(_ => Encoding.UTF8.GetBytes($"{{\"type\":\"activity\",\"data\":{Encoding.UTF8.GetString(Data())},\"timestamp\":\"2026-01-01T00:00:00+00:00\",\"id\":\"x-1\",\"seq\":1}}")).ToArray();
        return Task.WhenAll(_raw.Select(async socket =>
        {
            foreach (var frame in frames)
            {
                await socket.SendAsync(frame, WebSocketMessageType.Text, true, default);
            }
        }));
    });

    /// <summary>Publishes at <paramref name="eventsPerSecond"/> for <paramref name="seconds"/> and reports delivery rate and publish-to-receive latency percentiles.</summary>
    public async Task<string> MeasureLatencyAsync(int eventsPerSecond, int seconds)
    {
        _recordLatency = true;
        var total = eventsPerSecond * seconds;
        var stopwatch = Stopwatch.StartNew();
        await Run(total, async () =>
        {
            // Publishes are not awaited one by one: with Redis each is a round trip, and the rate should not depend on it.
            // They are issued in order on one connection, so they keep their order.
            var pending = new List<Task>();
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / eventsPerSecond);
                if (due > stopwatch.Elapsed)
                {
                    await Task.Delay(due - stopwatch.Elapsed);
                }

                pending.Add(_server.Publisher.PublishAsync(RealtimeEventTypes.Activity, Data()).AsTask());
            }

            await Task.WhenAll(pending);
        });
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        var all = _latencies.SelectMany(l => l).Order().ToArray();
        double P(double p) => all[Math.Min(all.Length - 1, (int)(p * all.Length))];
        return $"{(_second is null ? "in-memory" : "redis, 2 nodes")}: {_sockets.Count / 2} clients, {eventsPerSecond} events/s for {seconds} s: {all.Length:N0} deliveries in {elapsed:N1} s = {all.Length / elapsed:N0}/s; latency p50 {P(0.50):N1} ms, p99 {P(0.99):N1} ms, max {all[^1]:N1} ms";
    }

    private static byte[] Data() => Encoding.UTF8.GetBytes($"{{\"t\":{Stopwatch.GetTimestamp()},\"kind\":\"message_sent\",\"message\":\"A user sent a message\"}}");

    private async Task Run(int events, Func<Task> publish)
    {
        Interlocked.Exchange(ref _received, 0);
        _target = (long)events * (_sockets.Count / 2);
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await publish();
        await _done.Task.WaitAsync(TimeSpan.FromMinutes(2));
    }

    private async Task Connect(Uri uri, int index)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(uri, default);
        _sockets.Add(socket);
        _ = Task.Run(() => ReceiveAsync(socket, _latencies[index]));
    }

    private async Task ReceiveAsync(ClientWebSocket socket, List<double> latencies)
    {
        var buffer = new byte[64 * 1024];
        var marker = "\"t\":"u8.ToArray();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), default);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var frame = buffer.AsSpan(0, result.Count);
                var at = frame.IndexOf(marker);
                if (at < 0)
                {
                    continue; // welcome
                }

                if (_recordLatency && Utf8Parser.TryParse(frame[(at + marker.Length)..], out long sent, out _))
                {
                    latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                }

                if (Interlocked.Increment(ref _received) == _target)
                {
                    _done.TrySetResult();
                }
            }
        }
        catch (WebSocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var socket in _sockets)
        {
            socket.Abort();
        }

        await _server.DisposeAsync();
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }
    }
}
