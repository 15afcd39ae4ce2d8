using AssistantKit.Templates.Serialization;
using Microsoft.Extensions.Time.Testing;

namespace AssistantKit.Templates.Tests;

public sealed class StoreTests : IDisposable
{
    private static readonly TemplateCaller Ada = TemplateCaller.For("ada", "engineering");
    private static readonly TemplateCaller Bob = TemplateCaller.For("bob", "engineering");
    private static readonly TemplateCaller Eve = TemplateCaller.For("eve", "sales");

    private readonly string _directory = Directory.CreateTempSubdirectory("ak-templates-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private TemplateStoreBase Store(string kind) => kind == "memory"
        ? new InMemoryTemplateStore(new FakeTimeProvider())
        : new FileSystemTemplateStore(_directory, new FakeTimeProvider());

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
    public async Task Save_CreatesImmutableVersionsWithHistoryDiffAndRollback(string kind)
    {
        var store = Store(kind);
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
    public async Task Save_StaleVersion_IsRefusedNotLost(string kind)
    {
        var store = Store(kind);
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
    public async Task Save_ConcurrentWritersOfTheSameVersion_ExactlyOneWins(string kind)
    {
        var store = Store(kind);
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

    [Theory]
    [InlineData("memory")]
    [InlineData("files")]
    public async Task Access_NobodyReadsListsOrOverwritesWhatTheyMayNot(string kind)
    {
        var store = Store(kind);
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
