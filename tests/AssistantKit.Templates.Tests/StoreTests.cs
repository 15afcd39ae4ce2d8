using AssistantKit.Storage;
using AssistantKit.Templates.Serialization;
using AssistantKit.TestUtils;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AssistantKit.Templates.Tests;

/// <summary>A PostgreSQL cluster for the store tests, started when the first test asks for it.</summary>
public sealed class PostgresFixture : IAsyncDisposable
{
    private readonly Lazy<Task<PostgresServer>> _server = new(PostgresServer.StartAsync);

    public Task<PostgresServer> ServerAsync() => _server.Value;

    public async ValueTask DisposeAsync()
    {
        if (_server.IsValueCreated)
        {
            await (await _server.Value).DisposeAsync();
        }
    }
}

/// <summary>The store contract, run against every store: in memory, files, SQLite and PostgreSQL (EF Core).</summary>
public sealed class StoreTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private static readonly TemplateCaller Ada = TemplateCaller.For("ada", "engineering");
    private static readonly TemplateCaller Bob = TemplateCaller.For("bob", "engineering");
    private static readonly TemplateCaller Eve = TemplateCaller.For("eve", "sales");

    private readonly string _directory = Directory.CreateTempSubdirectory("ak-templates-").FullName;
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        _providers.ForEach(static p => p.Dispose());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<TemplateStoreBase> StoreAsync(string kind)
    {
        switch (kind)
        {
            case "memory":
                return new InMemoryTemplateStore(new FakeTimeProvider());
            case "files":
                return new FileSystemTemplateStore(_directory, new FakeTimeProvider());
            case "sqlite":
                return await DatabaseStoreAsync(s => s.AddSqliteTemplateStore($"Data Source={Path.Combine(_directory, "templates.db")}"));
            default:
                var database = await PostgresDatabaseAsync();
                return await DatabaseStoreAsync(s => s.AddPostgreSqlTemplateStore(database));
        }
    }

    private string? _postgresDatabase;

    /// <summary>This test's PostgreSQL database (created on first use; every store of one test shares it).</summary>
    private async Task<string> PostgresDatabaseAsync() => _postgresDatabase ??= await (await postgres.ServerAsync()).CreateDatabaseAsync();

    /// <summary>A database store as a host builds it (services, then migrations); another call with the same database is another server.</summary>
    private async Task<EntityFrameworkTemplateStore> DatabaseStoreAsync(Action<IServiceCollection> add)
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider());
        add(services);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        await provider.MigrateTemplateStoreAsync(TestContext.Current.CancellationToken);
        return provider.GetRequiredService<EntityFrameworkTemplateStore>();
    }

    private static AssistantTemplate Template(string id = "ada-bot", string instructions = "v1") => new()
    {
        Id = id,
        Name = "Ada's bot",
        Instructions = instructions,
        Examples = [new() { User = "u", Assistant = "a" }],
    };

    [Theory]
    [InlineData("memory")]
    [InlineData("files")]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Save_CreatesImmutableVersionsWithHistoryDiffAndRollback(string kind)
    {
        var store = await StoreAsync(kind);
        var ct = TestContext.Current.CancellationToken;

        var v1 = await store.SaveAsync(Template(), Ada, expectedVersion: null, "first", ct);
        var v2 = await store.SaveAsync(Template(instructions: "v2") with { Temperature = 1 }, Ada, expectedVersion: 1, "tuned", ct);
        var v3 = await store.RollbackAsync("ada-bot", 1, Ada, expectedVersion: 2, ct);

        Assert.Equal((1, 2, 3), (v1.Version, v2.Version, v3.Version));
        Assert.Equal("\"ada-bot-v3\"", v3.ETag);
        Assert.Equal("ada", v1.Template.OwnerId);
        var history = await store.GetHistoryAsync("ada-bot", Ada, ct);
        Assert.Equal(["first", "tuned", "Rollback to version 1"], history.Select(static h => h.ChangeNote));
        Assert.Equal("v1", (await store.GetAsync("ada-bot", Ada, ct))!.Template.Instructions);
        var diff = TemplateStoreBase.Diff(history[0].Template, history[1].Template);
        Assert.Equal(["instructions", "temperature"], diff.Select(static d => d.Field).Order(StringComparer.Ordinal));
        Assert.Contains(diff, static d => d is { Field: "instructions", Before: "v1", After: "v2" });
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("files")]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Save_StaleVersion_IsRefusedNotLost(string kind)
    {
        var store = await StoreAsync(kind);
        var ct = TestContext.Current.CancellationToken;
        await store.SaveAsync(Template(), Ada, null, cancellationToken: ct);
        await store.SaveAsync(Template(instructions: "first writer"), Ada, 1, cancellationToken: ct);

        var ex = await Assert.ThrowsAsync<TemplateConcurrencyException>(() => store.SaveAsync(Template(instructions: "second writer"), Ada, 1, cancellationToken: ct));

        Assert.Equal((1, 2), (ex.ExpectedVersion, ex.ActualVersion));
        Assert.Equal("first writer", (await store.GetAsync("ada-bot", Ada, ct))!.Template.Instructions);
        await Assert.ThrowsAsync<TemplateConcurrencyException>(() => store.SaveAsync(Template(), Ada, null, cancellationToken: ct));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("files")]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Save_ConcurrentWritersOfTheSameVersion_ExactlyOneWins(string kind)
    {
        var store = await StoreAsync(kind);
        var ct = TestContext.Current.CancellationToken;
        await store.SaveAsync(Template(), Ada, null, cancellationToken: ct);

        var attempts = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.SaveAsync(Template(instructions: $"writer {i}"), Ada, 1, cancellationToken: ct);
                return true;
            }
            catch (TemplateConcurrencyException)
            {
                return false;
            }
        }, ct)).ToArray();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(static r => r));
        var history = await store.GetHistoryAsync("ada-bot", Ada, ct);
        Assert.Equal([1, 2], history.Select(static h => h.Version));
        Assert.Equal($"writer {Array.IndexOf(results, true)}", history[1].Template.Instructions);
    }

    /// <summary>
    /// Two servers share one store; 16 writers (8 on each) keep saving the next version of one template until each has
    /// three saves in. Every version number is saved once, by one writer, and every save that returned is in the history.
    /// </summary>
    [Theory]
    [InlineData("files")]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Save_SixteenWritersOnTwoServers_OneWinnerPerVersion_NothingLost(string kind)
    {
        const int Writers = 16, SavesEach = 3;
        TemplateStoreBase[] servers = [await StoreAsync(kind), await StoreAsync(kind)];
        var ct = TestContext.Current.CancellationToken;
        await servers[0].SaveAsync(Template(), Ada, null, cancellationToken: ct);

        var conflicts = 0;
        var saved = await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var store = servers[writer % 2];
            var mine = new List<int>();
            while (mine.Count < SavesEach)
            {
                var current = (await store.GetAsync("ada-bot", Ada, ct))!.Version;
                try
                {
                    mine.Add((await store.SaveAsync(Template(instructions: $"writer {writer} save {mine.Count}"), Ada, current, cancellationToken: ct)).Version);
                }
                catch (TemplateConcurrencyException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }

            return (Writer: writer, Versions: mine);
        }, ct)));

        var history = await servers[1].GetHistoryAsync("ada-bot", Ada, ct);
        Assert.Equal(Enumerable.Range(1, 1 + (Writers * SavesEach)), history.Select(static h => h.Version));
        foreach (var (writer, versions) in saved)
        {
            for (var i = 0; i < SavesEach; i++)
            {
                Assert.Equal($"writer {writer} save {i}", history[versions[i] - 1].Template.Instructions);
            }
        }

        Assert.True(conflicts > 0, "the writers never met: the test proves nothing");
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("files")]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Access_NobodyReadsListsOrOverwritesWhatTheyMayNot(string kind)
    {
        var store = await StoreAsync(kind);
        var ct = TestContext.Current.CancellationToken;
        await store.SaveAsync(Template("private-one"), Ada, null, cancellationToken: ct);
        await store.SaveAsync(Template("shared-user") with { Visibility = TemplateVisibility.Shared, SharedWith = ["bob"] }, Ada, null, cancellationToken: ct);
        await store.SaveAsync(Template("shared-group") with { Visibility = TemplateVisibility.Shared, SharedWith = ["group:sales"] }, Ada, null, cancellationToken: ct);
        await store.SaveAsync(Template("public-one") with { Visibility = TemplateVisibility.Public }, Ada, null, cancellationToken: ct);

        Assert.Equal(["private-one", "public-one", "shared-group", "shared-user"], (await store.ListAsync(Ada, ct)).Select(static s => s.Template.Id));
        Assert.Equal(["public-one", "shared-user"], (await store.ListAsync(Bob, ct)).Select(static s => s.Template.Id));
        Assert.Equal(["public-one", "shared-group"], (await store.ListAsync(Eve, ct)).Select(static s => s.Template.Id));
        Assert.Null(await store.GetAsync("private-one", Bob, ct));
        Assert.Empty(await store.GetHistoryAsync("private-one", Eve, ct));
        await Assert.ThrowsAsync<TemplateAccessDeniedException>(() => store.SaveAsync(Template("public-one") with { OwnerId = "bob" }, Bob, 1, cancellationToken: ct));
        await Assert.ThrowsAsync<TemplateAccessDeniedException>(() => store.SaveAsync(Template("shared-user"), Bob, 1, cancellationToken: ct));
        await Assert.ThrowsAsync<TemplateAccessDeniedException>(() => store.RollbackAsync("shared-user", 1, Bob, 1, ct));
        Assert.Equal("v1", (await store.GetAsync("public-one", Eve, ct))!.Template.Instructions);
    }

    [Fact]
    public async Task FileStore_CorruptFile_IsReportedAndTheRestStillLoad()
    {
        var store = new FileSystemTemplateStore(_directory);
        var ct = TestContext.Current.CancellationToken;
        await store.SaveAsync(Template("good"), Ada, null, cancellationToken: ct);
        await store.SaveAsync(Template("broken"), Ada, null, cancellationToken: ct);
        await File.WriteAllTextAsync(Path.Combine(_directory, "broken", "v000001.json"), "{ not json", ct);

        var listed = await store.ListAsync(Ada, ct);

        Assert.Equal("good", Assert.Single(listed).Template.Id);
        Assert.Contains(store.LoadErrors, static e => e.Contains("v000001.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FileStore_HostileId_NeverBecomesAPath()
    {
        var store = new FileSystemTemplateStore(_directory);

        await Assert.ThrowsAsync<TemplateValidationException>(() => store.SaveAsync(Template("../../etc"), Ada, null, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Null(await store.GetAsync("../../etc", Ada, TestContext.Current.CancellationToken));
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }
}
