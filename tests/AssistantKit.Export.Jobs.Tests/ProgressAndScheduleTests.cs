using System.Collections.Concurrent;
using AssistantKit.Realtime;
using AssistantKit.TestUtils;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantKit.Export.Jobs.Tests;

public sealed class ProgressAndScheduleTests(JobDatabases databases) : IClassFixture<JobDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Progress_ReachesOnlyTheOwner_LiveAndInOrder_EndingInSucceeded()
    {
        var source = new TestConversationSource { Delay = TimeSpan.FromMilliseconds(20) };
        await using var server = await ExportJobsTestHost.StartAsync(await databases.CreateAsync("sqlite"), databases.Folder(), source);
        RealtimeClient Client(string user) => server.CreateClient(o => o.AccessTokenProvider = _ => ValueTask.FromResult<string?>(TestAuthHandler.Token(user)));
        await using var ada = Client("ada");
        await using var bob = Client("bob");
        var adaGot = new ConcurrentQueue<ExportProgress>();
        var bobGot = new ConcurrentQueue<ExportProgress>();
        ada.On(RealtimeEventTypes.ExportProgress, e => adaGot.Enqueue(e.AsExportProgress()));
        bob.On(RealtimeEventTypes.ExportProgress, e => bobGot.Enqueue(e.AsExportProgress()));
        await Task.WhenAll(ada.ConnectAsync(Ct), bob.ConnectAsync(Ct)).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var jobs = server.App.Services.GetRequiredService<IExportJobs>();

        var job = await jobs.EnqueueAsync(new ExportJobRequest("ada", TestConversationSource.Ids(50), new ExportOptions()), Ct);
        await jobs.FinishedAsync("ada", job.Id);
        await Eventually.Until(() => adaGot.Any(p => p.State == "succeeded"));

        var events = adaGot.ToList();
        Assert.All(events, p => Assert.Equal((job.Id, 50), (p.JobId, p.Total)));
        Assert.Equal("queued", events[0].State);
        Assert.Equal(new ExportProgress(job.Id, 50, 50, "succeeded"), events[^1]);
        var running = events.Where(p => p.State == "running").Select(p => p.Done).ToList();
        Assert.True(running.Count >= 3, $"Progress should move while the job runs (got {string.Join(", ", running)}).");
        Assert.Equal(running.Order(), running); // never backwards
        Assert.Contains(running, d => d is > 0 and < 50);
        Assert.Empty(bobGot);
    }

    [Fact]
    public async Task Progress_OfAJobRunningOnAnotherServer_ReachesTheOwnerThroughRedis()
    {
        await using var redis = await RedisServer.StartAsync();
        var (database, folder, prefix) = (await databases.CreateAsync("postgres"), databases.Folder(), $"ak-{Guid.NewGuid():N}");
        void Backplane(IRealtimeBuilder r) => r.AddRedisBackplane(o => (o.Configuration, o.Prefix) = (redis.Configuration, prefix));
        await using var front = await ExportJobsTestHost.StartAsync(database, folder, new TestConversationSource(), o => (o.InstanceId, o.RunJobs) = ("front", false), realtime: Backplane);
        await using var worker = await ExportJobsTestHost.StartAsync(database, folder, new TestConversationSource { Delay = TimeSpan.FromMilliseconds(20) }, o => o.InstanceId = "worker", realtime: Backplane);
        await using var ada = front.CreateClient(o => o.AccessTokenProvider = _ => ValueTask.FromResult<string?>(TestAuthHandler.Token("ada")));
        var got = new ConcurrentQueue<ExportProgress>();
        ada.On(RealtimeEventTypes.ExportProgress, e => got.Enqueue(e.AsExportProgress()));
        await ada.ConnectAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var jobs = front.App.Services.GetRequiredService<IExportJobs>();
        var job = await jobs.EnqueueAsync(new ExportJobRequest("ada", TestConversationSource.Ids(40), new ExportOptions()), Ct);
        await jobs.FinishedAsync("ada", job.Id);
        await Eventually.Until(() => got.Any(p => p.State == "succeeded"));

        Assert.Contains(got, p => p.State == "running" && p.Done is > 0 and < 40); // published by the worker, received on the front end
        Assert.Equal(new ExportProgress(job.Id, 40, 40, "succeeded"), got.Last());
    }

    [Fact]
    public async Task Schedule_FiresOnItsCron_QueuingAJobOfTheOwnersConversations()
    {
        var source = new TestConversationSource { Listed = ["c-1", "c-2", "missing-9"] };
        await using var server = await ExportJobsTestHost.StartAsync(await databases.CreateAsync("sqlite"), databases.Folder(), source);
        var schedules = server.App.Services.GetRequiredService<IExportSchedules>();
        var jobs = server.App.Services.GetRequiredService<IExportJobs>();

        var saved = await schedules.SaveAsync(new ExportSchedule { OwnerId = "ada", Name = "Every two seconds", Cron = "*/2 * * * * ?", TimeZone = "Europe/Berlin", Lookback = TimeSpan.FromDays(7), Options = new ExportOptions { Format = "txt" } }, Ct);
        await ExportJobsTests.Until(async () => (await jobs.ListAsync("ada", cancellationToken: Ct)).Count(j => j.IsFinished) >= 2, TimeSpan.FromSeconds(20));

        Assert.NotEmpty(saved.Id);
        Assert.NotNull(saved.NextFireTime);
        var done = (await jobs.ListAsync("ada", cancellationToken: Ct)).Where(j => j.IsFinished).ToList();
        Assert.All(done, j => Assert.Equal((ExportJobState.Succeeded, saved.Id, "txt", 3, 1), (j.State, j.ScheduleId, j.Format, j.Total, j.Failed)));
        var firings = source.ListedAt.ToList();
        Assert.Equal(firings.Distinct().Count(), firings.Count); // each occurrence once
        Assert.All(firings, at => Assert.Equal(0, at.Second % 2));
        Assert.Equal([saved.Id], (await schedules.ListAsync("ada", Ct)).Select(s => s.Id));
        Assert.Empty(await schedules.ListAsync("bob", Ct));
        Assert.False(await schedules.DeleteAsync("bob", saved.Id, Ct));
        Assert.True(await schedules.DeleteAsync("ada", saved.Id, Ct));
        Assert.Empty(await schedules.ListAsync("ada", Ct));
    }

    [Fact]
    public async Task Schedule_OnTwoServers_EachOccurrenceFiresOnce()
    {
        var (database, folder) = (await databases.CreateAsync("postgres"), databases.Folder());
        var (a, b) = (new TestConversationSource(), new TestConversationSource());
        await using var nodeA = await ExportJobsTestHost.StartAsync(database, folder, a, o => o.InstanceId = "node-a");
        await using var nodeB = await ExportJobsTestHost.StartAsync(database, folder, b, o => o.InstanceId = "node-b");
        var schedules = nodeA.App.Services.GetRequiredService<IExportSchedules>();

        await schedules.SaveAsync(new ExportSchedule { OwnerId = "ada", Name = "Every second", Cron = "* * * * * ?", Lookback = TimeSpan.FromHours(1) }, Ct);
        await Eventually.Until(() => a.ListedAt.Count + b.ListedAt.Count >= 6, TimeSpan.FromSeconds(20));

        var firings = a.ListedAt.Concat(b.ListedAt).ToList();
        Assert.Equal(firings.Distinct().Count(), firings.Count);
    }

    [Theory]
    [InlineData("every monday", "UTC", 7, "cron")]
    [InlineData("0 0 6 ? * MON", "Mars/Olympus_Mons", 7, "time zone")]
    [InlineData("0 0 6 ? * MON 2001", "UTC", 7, "never fires")]
    [InlineData("0 0 6 ? * MON", "UTC", 0, "looks back")]
    [InlineData("0 0 6 ? * MON", "UTC", 4000, "looks back")]
    public async Task Schedule_Invalid_RefusedWithWhatIsWrong(string cron, string zone, int days, string message)
    {
        await using var server = await ExportJobsTestHost.StartAsync(await databases.CreateAsync("sqlite"), databases.Folder(), new TestConversationSource());
        var schedules = server.App.Services.GetRequiredService<IExportSchedules>();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => schedules.SaveAsync(new ExportSchedule { OwnerId = "ada", Name = "x", Cron = cron, TimeZone = zone, Lookback = TimeSpan.FromDays(days) }, Ct));

        Assert.Contains(message, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await schedules.ListAsync("ada", Ct));
    }

    [Fact]
    public async Task Schedule_OfAnotherOwner_CannotBeReplaced()
    {
        await using var server = await ExportJobsTestHost.StartAsync(await databases.CreateAsync("sqlite"), databases.Folder(), new TestConversationSource());
        var schedules = server.App.Services.GetRequiredService<IExportSchedules>();
        var adas = await schedules.SaveAsync(new ExportSchedule { OwnerId = "ada", Name = "Weekly", Cron = "0 0 6 ? * MON", TimeZone = "Europe/Berlin" }, Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => schedules.SaveAsync(adas with { OwnerId = "bob", Name = "Mine now" }, Ct));

        Assert.Equal("Weekly", Assert.Single(await schedules.ListAsync("ada", Ct)).Name);
        Assert.Equal(DayOfWeek.Monday, TimeZoneInfo.ConvertTime(adas.NextFireTime!.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DayOfWeek);
        Assert.Equal(6, TimeZoneInfo.ConvertTime(adas.NextFireTime!.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).Hour);
    }
}
