using System.Collections.Concurrent;
using AssistantKit.TestUtils;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AssistantKit.Realtime.AspNetCore.Tests;

public sealed class ProducerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void HealthEvaluator_Thresholds_RaiseKeepAndClearAlertsWithStableIds()
    {
        var evaluator = new HealthEvaluator(new SystemHealthOptions());
        var runtime = new RuntimeMetrics(0, 0, 0, 0, 0, 0, 0, ResponseTimeP95: 10, ResponseTimeP99: 10, RequestsMeasured: 1);
        var t0 = DateTimeOffset.UnixEpoch;

        var healthy = evaluator.Evaluate(new PerformanceMetrics(10, 10, 5, 1), runtime, t0);
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Empty(healthy.Alerts);

        var warning = evaluator.Evaluate(new PerformanceMetrics(85, 10, 5, 2), runtime, t0.AddSeconds(1));
        var cpu = Assert.Single(warning.Alerts);
        Assert.Equal(("cpu", AlertLevel.Warning, HealthStatus.Warning), (cpu.Id, cpu.Level, warning.Status));

        var still = evaluator.Evaluate(new PerformanceMetrics(88, 10, 5, 3), runtime with { ResponseTimeP95 = 5_000 }, t0.AddSeconds(2));
        Assert.Equal(HealthStatus.Error, still.Status);
        Assert.Equal(["cpu", "response_time"], still.Alerts.Select(a => a.Id));
        Assert.Equal(t0.AddSeconds(1), still.Alerts[0].Timestamp);
        Assert.Contains("88", still.Alerts[0].Message, StringComparison.Ordinal);

        var cleared = evaluator.Evaluate(new PerformanceMetrics(20, 10, 5, 4), runtime, t0.AddSeconds(3));
        Assert.Equal(HealthStatus.Healthy, cleared.Status);
        Assert.Empty(cleared.Alerts);
    }

    [Fact]
    public async Task SystemHealth_Published_WithMeasuredResponseTimes()
    {
        await using var server = await RealtimeTestServer.StartAsync(realtime: r => r.AddSystemHealth(o => o.Interval = TimeSpan.FromMilliseconds(200)));
        using (var http = new HttpClient())
        {
            for (var i = 0; i < 20; i++)
            {
                await http.GetStringAsync(new Uri(server.HttpUri, "ping"), Token);
            }
        }

        await using var client = server.CreateClient();
        var updates = new ConcurrentQueue<SystemHealthUpdate>();
        client.On<SystemHealthUpdate>(RealtimeEventTypes.SystemHealth, updates.Enqueue);
        await client.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);
        await Eventually.Until(() => updates.Count >= 2);

        var update = updates.Last();
        Assert.NotNull(update.Runtime);
        Assert.Equal(20, update.Runtime.RequestsMeasured);
        Assert.InRange(update.Performance.CpuUsage, 0, 100);
        Assert.InRange(update.Performance.MemoryUsage, 0.0001, 100);
        Assert.True(update.Performance.Uptime >= 0);
        Assert.True(update.Runtime.WorkingSetBytes > 0);
    }

    [Fact]
    public async Task Presence_TabsAndQuickReconnects_OnlineOnceOfflineAfterDelay()
    {
        // The server runs on a fake clock: the offline debounce (5 s) is stepped, not waited for.
        var time = new FakeTimeProvider();
        await using var server = await RealtimeTestServer.StartAsync(requireAuthorization: true, realtime: r => r.AddPresence(o => o.OfflineDelay = TimeSpan.FromSeconds(5)), time: time);
        await using var watcher = server.CreateClient(o => o.AccessTokenProvider = _ => ValueTask.FromResult<string?>(TestAuthHandler.Token("watcher")));
        var statuses = new ConcurrentQueue<UserStatusUpdate>();
        var others = new ConcurrentQueue<UserStatusUpdate>();
        watcher.On<UserStatusUpdate>(RealtimeEventTypes.UserStatus, s => (s.UserId == "alice" ? statuses : others).Enqueue(s));
        await watcher.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);
        Uri Url(string user) => new(server.Uri + "?access_token=" + TestAuthHandler.Token(user));

        var tab1 = await RawRealtimeSocket.ConnectAsync(Url("alice"));
        var tab2 = await RawRealtimeSocket.ConnectAsync(Url("alice"));
        await Eventually.Until(() => statuses.Count == 1);
        Assert.Equal(UserPresence.Online, statuses.Single().Status);
        var presence = server.App.Services.GetRequiredService<IRealtimePresence>();
        await Eventually.Until(() => presence.GetOnlineUsers().SingleOrDefault(u => u.UserId == "alice")?.Connections == 2);

        await tab1.DisposeAsync();
        await tab2.DisposeAsync();
        await Eventually.Until(() => presence.GetOnlineUsers().SingleOrDefault(u => u.UserId == "alice")?.Connections == 0);
        time.Advance(TimeSpan.FromSeconds(4)); // within the debounce
        await using (var reload = await RawRealtimeSocket.ConnectAsync(Url("alice")))
        {
            await Eventually.Until(() => presence.GetOnlineUsers().SingleOrDefault(u => u.UserId == "alice")?.Connections == 1);
            time.Advance(TimeSpan.FromMinutes(1));

            // Sentinel: bob's status goes through the same ordered queue, so an offline of alice's would arrive before it.
            await using var bob = await RawRealtimeSocket.ConnectAsync(Url("bob"));
            await Eventually.Until(() => others.Any(s => s.UserId == "bob"));
            Assert.Single(statuses);
        }

        await Eventually.Until(() => presence.GetOnlineUsers().SingleOrDefault(u => u.UserId == "alice")?.Connections == 0);
        time.Advance(TimeSpan.FromSeconds(4.9));
        await using (var carol = await RawRealtimeSocket.ConnectAsync(Url("carol")))
        {
            await Eventually.Until(() => others.Any(s => s.UserId == "carol"));
            Assert.Single(statuses); // 4.9 s after the last tab closed: still online
        }

        time.Advance(TimeSpan.FromSeconds(0.1));
        await Eventually.Until(() => statuses.Count == 2);
        Assert.Equal(UserPresence.Offline, statuses.Last().Status);
        Assert.DoesNotContain(presence.GetOnlineUsers(), u => u.UserId == "alice");
    }

    [Fact]
    public async Task Stats_PublishedOnlyWhenAFigureChanges()
    {
        await using var server = await RealtimeTestServer.StartAsync(realtime: r => r.AddStats<CountingStats>(o => o.Interval = TimeSpan.FromHours(1)));
        var producer = server.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<StatsProducer>().Single();
        var stats = server.App.Services.GetServices<IRealtimeStatsProvider>().OfType<CountingStats>().Single();
        await Eventually.Until(() => server.Hub.Position.Seq == 1);

        Assert.False(await producer.SampleAsync(Token));
        stats.Value = 2;
        Assert.True(await producer.SampleAsync(Token));
        Assert.False(await producer.SampleAsync(Token));
        Assert.Equal(2, server.Hub.Position.Seq);
    }

    private sealed class CountingStats : IRealtimeStatsProvider
    {
        public double Value { get; set; } = 1;

        public ValueTask<IReadOnlyDictionary<string, double>> GetStatsAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double> { ["activeConversations"] = Value, ["broken"] = 0 });
    }
}
