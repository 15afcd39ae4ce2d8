using System.Text;
using AssistantKit.TestUtils;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AssistantKit.Realtime.Tests.Server;

public sealed class RealtimeCoreTests
{
    private static RealtimeMessage Message(long seq, DateTimeOffset at) => new("activity", "{}"u8.ToArray(), at, default) { Seq = seq };

    [Fact]
    public void ReplayBuffer_BoundedByCountAndAge_ReportsWhatItStillCovers()
    {
        var start = DateTimeOffset.UnixEpoch;
        var buffer = new ReplayBuffer(capacity: 5, window: TimeSpan.FromMinutes(1));
        for (var seq = 1; seq <= 8; seq++)
        {
            buffer.Add(Message(seq, start.AddSeconds(seq)), []);
        }

        Assert.Equal(3, buffer.DroppedThrough);
        Assert.True(buffer.Covers(3));
        Assert.False(buffer.Covers(2));
        Assert.Equal([6L, 7, 8], buffer.After(5).Select(e => e.Message.Seq));

        buffer.Expire(start.AddSeconds(66));
        Assert.Equal(5, buffer.DroppedThrough);
        Assert.Equal([6L, 7, 8], buffer.After(0).Select(e => e.Message.Seq));
    }

    [Fact]
    public void TypeFilter_SubscribeAndUnsubscribe_FromAllAndFromAList()
    {
        var all = TypeFilter.All;
        Assert.True(all.Accepts("activity"));

        var only = all.Subscribe(["activity"]);
        Assert.True(only.Accepts("activity"));
        Assert.False(only.Accepts("notification"));
        Assert.True(only.Subscribe(["notification"]).Accepts("notification"));
        Assert.False(only.Unsubscribe(["activity"]).Accepts("activity"));

        var except = all.Unsubscribe(["system_health"]);
        Assert.False(except.Accepts("system_health"));
        Assert.True(except.Accepts("activity"));
        Assert.True(except.Subscribe(["system_health"]).Accepts("system_health"));
    }

    [Theory]
    [InlineData("activity", true)]
    [InlineData("my.app-event_2", true)]
    [InlineData("Activity", false)]
    [InlineData("", false)]
    [InlineData("welcome", false)]
    [InlineData("reset", false)]
    public void IsPublishable_ChecksNameAndReservedTypes(string type, bool expected) =>
        Assert.Equal(expected, RealtimeEventTypes.IsPublishable(type));

    [Fact]
    public async Task PublishAsync_BadTypeOrData_ThrowsNamingIt()
    {
        await using var hub = new RealtimeHub(Options.Create(new RealtimeServerOptions()), new InMemoryRealtimeBackplane(), [], TimeProvider.System);
        var type = await Assert.ThrowsAsync<ArgumentException>(() => hub.PublishAsync("welcome", "{}"u8.ToArray(), cancellationToken: TestContext.Current.CancellationToken).AsTask());
        Assert.Contains("control message", type.Message, StringComparison.Ordinal);
        var data = await Assert.ThrowsAsync<ArgumentException>(() => hub.PublishAsync("activity", Encoding.UTF8.GetBytes("{\"a\":1} trailing"), cancellationToken: TestContext.Current.CancellationToken).AsTask());
        Assert.Contains("not one JSON value", data.Message, StringComparison.Ordinal);
        Assert.Equal(1, await hub.PublishAsync("activity", "{\"a\":1}"u8.ToArray(), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void AddRealtime_InvalidOptions_FailWhenTheHostStarts_AndCallingTwiceRegistersNothingTwice()
    {
        var services = new ServiceCollection();
        services.AddAssistantKitCore().AddRealtime(o => o.SendQueueCapacity = 0);
        services.AddAssistantKitCore().AddRealtime();
        Assert.Single(services, d => d.ServiceType == typeof(RealtimeHub));
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RealtimeServerOptions>>().Value);
        Assert.Contains("SendQueueCapacity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddProducersAndRedis_InvalidOptions_FailWhenTheHostStartsNamingEachSetting()
    {
        var services = new ServiceCollection();
        services.AddAssistantKitCore().AddRealtime()
            .AddSystemHealth(static o => { o.Cpu.Warning = 99; o.Cpu.Error = 90; o.Interval = TimeSpan.Zero; })
            .AddPresence(static o => o.OfflineDelay = TimeSpan.FromSeconds(-1))
            .AddRedisBackplane(static o => o.StreamMaxLength = 0);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<AggregateException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        var messages = string.Join("\n", error.InnerExceptions.Select(static e => e.Message));
        Assert.Contains("SystemHealthOptions.Cpu: Warning (99) must not be above Error (90)", messages, StringComparison.Ordinal);
        Assert.Contains("SystemHealthOptions.Interval must be at least", messages, StringComparison.Ordinal);
        Assert.Contains("PresenceOptions.OfflineDelay must be at least 00:00:00", messages, StringComparison.Ordinal);
        Assert.Contains("RedisBackplaneOptions.Configuration field is required", messages, StringComparison.Ordinal);
        Assert.Contains("RedisBackplaneOptions.StreamMaxLength", messages, StringComparison.Ordinal);
    }
}
