using System.Collections.Concurrent;
using System.Text;
using AssistantKit.TestUtils;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantKit.Realtime.Redis.Tests;

public sealed class RedisBackplaneTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<RealtimeTestServer> NodeAsync(RedisServer redis, string prefix = "test", int replay = 10_000) =>
        RealtimeTestServer.StartAsync(o => o.ReplayCapacity = replay, r => r.AddRedisBackplane(o => (o.Configuration, o.Prefix) = (redis.Configuration, prefix)));

    [Fact]
    public async Task Backplanes_CancelledToken_AreHonoured()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var node = await NodeAsync(redis);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var message = new RealtimeMessage("activity", "{}"u8.ToArray(), DateTimeOffset.UtcNow, default);
        IRealtimeBackplane[] backplanes = [node.App.Services.GetRequiredService<IRealtimeBackplane>(), new InMemoryRealtimeBackplane()];

        foreach (var backplane in backplanes)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => backplane.PublishAsync(message, cancelled.Token).AsTask());
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => backplane.ReadAsync(0, 1, cancelled.Token).AsTask());
        }

        Assert.Equal(0, node.Hub.Position.Seq); // nothing was published
    }

    [Fact]
    public async Task Publish_OnAnyNode_ReachesClientsOnEveryNodeWithOneSequence()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await NodeAsync(redis);
        await using var b = await NodeAsync(redis);
        await using var onA = a.CreateClient();
        await using var onB = b.CreateClient();
        var gotA = new ConcurrentQueue<RealtimeEvent>();
        var gotB = new ConcurrentQueue<RealtimeEvent>();
        onA.On(RealtimeEventTypes.Activity, gotA.Enqueue);
        onB.On(RealtimeEventTypes.Activity, gotB.Enqueue);
        await Task.WhenAll(onA.ConnectAsync(Token), onB.ConnectAsync(Token)).WaitAsync(TimeSpan.FromSeconds(10), Token);

        await a.PublishNumbersAsync(50, 0);
        await b.PublishNumbersAsync(50, 50);

        await Eventually.Until(() => gotA.Count == 100 && gotB.Count == 100);
        Assert.Equal(Enumerable.Range(0, 100), gotA.Select(RealtimeTestServer.Number));
        Assert.Equal(gotA.Select(e => (e.Seq, e.Id)), gotB.Select(e => (e.Seq, e.Id)));
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), gotA.Select(e => e.Seq));
    }

    [Fact]
    public async Task ClientHopsBetweenNodes_WhileEventsArePublishedAcrossNodes_ExactlyOnceInOrder()
    {
        const int Events = 50_000;
        await using var redis = await RedisServer.StartAsync();
        var nodes = new[] { await NodeAsync(redis, replay: Events), await NodeAsync(redis, replay: Events), await NodeAsync(redis, replay: Events) };
        try
        {
            await using var proxy = new TcpProxy(nodes[0].Port);
            await using var client = nodes[0].CreateClient(uri: proxy.RealtimeUri);
            var received = new List<int>(Events);
            var seqs = new List<long>(Events);
            var done = new TaskCompletionSource();
            client.On(RealtimeEventTypes.Activity, e =>
            {
                received.Add(RealtimeTestServer.Number(e));
                seqs.Add(e.Seq);
                if (received.Count == Events)
                {
                    done.TrySetResult();
                }
            });
            client.On(RealtimeEventTypes.Reset, e => done.TrySetException(new InvalidOperationException($"unexpected reset {e.Data}")));
            await client.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);

            var hops = 0;
            var hopping = Task.Run(async () =>
            {
                while (!done.Task.IsCompleted && hops < 200)
                {
                    await Task.Delay(150, Token);
                    proxy.UpstreamPort = nodes[++hops % nodes.Length].Port;
                    proxy.KillAll();
                }
            }, Token);

            // Three publishers, one per node, interleaved: the global order is Redis's.
            var next = -1;
            await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
            {
                int n;
                while ((n = Interlocked.Increment(ref next)) < Events)
                {
                    await node.Publisher.PublishAsync(RealtimeEventTypes.Activity, Encoding.UTF8.GetBytes($"{{\"n\":{n}}}"), cancellationToken: Token);
                }
            }, Token)));

            await done.Task.WaitAsync(TimeSpan.FromSeconds(90), Token);
            await hopping;
            Assert.True(hops >= 3, $"only {hops} hops");
            Assert.Equal(Events, received.Count);
            Assert.Equal(received.Count, received.Distinct().Count());

            // One global sequence across the three publishing nodes, received in order with no gap or repeat.
            Assert.Equal(Enumerable.Range(1, Events).Select(i => (long)i), seqs);
            Assert.Equal(Enumerable.Range(0, Events), received.Order());
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Resume_OnANodeStartedLater_ReplaysFromTheRedisStream()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await NodeAsync(redis);
        await using var client = a.CreateClient();
        var got = new ConcurrentQueue<RealtimeEvent>();
        client.On("*", got.Enqueue);
        await client.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);
        await a.PublishNumbersAsync(10);
        await Eventually.Until(() => got.Count == 10);
        await client.DisposeAsync();
        await a.PublishNumbersAsync(30, 10);

        // A node that was not running when events 11..40 were published.
        await using var late = await NodeAsync(redis);
        await using var resumed = late.CreateClient();
        var (epoch, seq) = client.Position;
        await using var raw = await RawRealtimeSocket.ConnectAsync(new Uri($"{late.Uri}?lastSeq={seq}&epoch={epoch}"));
        await raw.ReceiveAsync("welcome");
        var answer = await raw.ReceiveAsync("resumed");
        Assert.Equal(30, answer.GetProperty("data").GetProperty("replayed").GetInt32());
        for (var n = 10; n < 40; n++)
        {
            var e = await raw.ReceiveAsync(RealtimeEventTypes.Activity);
            Assert.Equal(n, e.GetProperty("data").GetProperty("n").GetInt32());
        }
    }

    [Fact]
    public async Task RedisRestartsEmpty_PublishersGetAClearError_NodesRecover_ClientsAreToldWhatWasLost()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await NodeAsync(redis);
        await using var b = await NodeAsync(redis);
        await using var client = b.CreateClient();
        var got = new ConcurrentQueue<RealtimeEvent>();
        client.On("*", got.Enqueue);
        await client.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);
        await a.PublishNumbersAsync(5);
        await Eventually.Until(() => got.Count == 5);

        redis.Kill();
        var error = await Assert.ThrowsAsync<RealtimeBackplaneException>(() => a.PublishNumbersAsync(1, 100));
        Assert.Contains("Redis", error.Message, StringComparison.Ordinal);

        await redis.RestartAsync();
        await Eventually.Until(() => got.Any(e => e.Type == RealtimeEventTypes.Reset), TimeSpan.FromSeconds(30));
        await RetryAsync(() => a.PublishNumbersAsync(1, 6));
        await Eventually.Until(() => got.Any(e => e.Type == RealtimeEventTypes.Activity && RealtimeTestServer.Number(e) == 6), TimeSpan.FromSeconds(15));

        var events = got.ToArray();
        Assert.Equal(Enumerable.Range(0, 5), events.Take(5).Select(RealtimeTestServer.Number));
        Assert.Equal("epoch", events.First(e => e.Type == RealtimeEventTypes.Reset).AsReset().Reason);
        Assert.DoesNotContain(events, e => e.Type == RealtimeEventTypes.Activity && RealtimeTestServer.Number(e) == 100);
    }

    [Fact]
    public async Task NodeStartedWhileRedisIsDown_RefusesClearly_ThenWorksWhenRedisComesUp()
    {
        await using var redis = await RedisServer.StartAsync();
        redis.Kill();
        await using var node = await NodeAsync(redis);

        // Publishing says what is wrong; a client is refused with 503 before the WebSocket upgrade (it retries with backoff).
        var error = await Assert.ThrowsAsync<RealtimeBackplaneException>(() => node.PublishNumbersAsync(1));
        Assert.Contains("Redis", error.Message, StringComparison.Ordinal);
        using var refused = new System.Net.WebSockets.ClientWebSocket();
        refused.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => refused.ConnectAsync(node.Uri, Token));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, refused.HttpStatusCode);

        // A failed first subscription is not remembered: once Redis is up, the node subscribes and delivers.
        await redis.RestartAsync();
        await using var client = node.CreateClient();
        var got = new ConcurrentQueue<RealtimeEvent>();
        client.On(RealtimeEventTypes.Activity, got.Enqueue);
        await client.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(30), Token);
        await RetryAsync(() => node.PublishNumbersAsync(3));
        await Eventually.Until(() => got.Count == 3);
        Assert.Equal([0, 1, 2], got.Select(RealtimeTestServer.Number));
    }

    [Fact]
    public async Task Prefix_SeparatesAppsSharingOneRedis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var one = await NodeAsync(redis, "app1");
        await using var two = await NodeAsync(redis, "app2");
        await using var client = two.CreateClient();
        var got = new ConcurrentQueue<RealtimeEvent>();
        client.On(RealtimeEventTypes.Activity, got.Enqueue);
        await client.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);

        await one.PublishNumbersAsync(3);
        await two.PublishNumbersAsync(1, 9);
        await Eventually.Until(() => got.Count == 1);
        await Task.Delay(200, Token);
        Assert.Equal(9, RealtimeTestServer.Number(Assert.Single(got)));
        Assert.Equal(1, got.Single().Seq);
    }

    private static async Task RetryAsync(Func<Task> action)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await action();
                return;
            }
            catch (RealtimeBackplaneException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }
}
