using System.Text;

namespace AssistantKit.Export.Tests.Storage;

public sealed class FileSystemExportStorageTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ak-results-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Save_ThenRead_ReplaceDeleteAndExpire()
    {
        var storage = new FileSystemExportStorage(_root);

        var saved = await storage.SaveAsync("ada/job-1.zip", static (s, ct) => s.WriteAsync("first"u8.ToArray(), ct).AsTask(), Token);
        await storage.SaveAsync("ada/job-1.zip", static (s, ct) => s.WriteAsync("second"u8.ToArray(), ct).AsTask(), Token);

        Assert.Equal(("ada/job-1.zip", 5L), (saved.Key, saved.Length));
        var (item, content) = (await storage.OpenReadAsync("ada/job-1.zip", Token))!.Value;
        using (var reader = new StreamReader(content, Encoding.UTF8))
        {
            Assert.Equal("second", await reader.ReadToEndAsync(Token));
        }

        Assert.Equal(6, item.Length);
        Assert.Null(await storage.OpenReadAsync("ada/job-2.zip", Token));
        Assert.Equal(0, await storage.DeleteOlderThanAsync(DateTimeOffset.UtcNow.AddHours(-1), Token));
        Assert.Equal(1, await storage.DeleteOlderThanAsync(DateTimeOffset.UtcNow.AddMinutes(1), Token));
        Assert.False(await storage.DeleteAsync("ada/job-1.zip", Token));
    }

    [Fact]
    public async Task Save_WriterFailsOrIsCancelled_NothingStoredNothingLeft()
    {
        var storage = new FileSystemExportStorage(_root);
        await storage.SaveAsync("ada/job.pdf", static (s, ct) => s.WriteAsync("kept"u8.ToArray(), ct).AsTask(), Token);

        await Assert.ThrowsAsync<InvalidOperationException>(() => storage.SaveAsync("ada/job.pdf", static async (s, ct) =>
        {
            await s.WriteAsync(new byte[100_000], ct);
            throw new InvalidOperationException("the export failed half way");
        }, Token));
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storage.SaveAsync("ada/other.pdf", async (s, ct) =>
        {
            await s.WriteAsync(new byte[1000], ct);
            await cancel.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }, cancel.Token));

        // The earlier result is intact, the cancelled one absent, and no temporary file is left.
        Assert.Equal(["job.pdf"], Directory.GetFiles(Path.Combine(_root, "ada")).Select(Path.GetFileName));
        Assert.Equal(4, (await storage.OpenReadAsync("ada/job.pdf", Token))!.Value.Item.Length);
    }

    [Theory]
    [InlineData("../escape.zip")]
    [InlineData("ada/../../escape.zip")]
    [InlineData("/etc/passwd")]
    [InlineData(".writing-x")]
    [InlineData("ada/./x")]
    [InlineData("a/b/c/d/e")]
    [InlineData("")]
    [InlineData("ada\\..\\x")]
    [InlineData("名前.zip")]
    public async Task HostileKey_IsRefused_NoFileOutside(string key)
    {
        var storage = new FileSystemExportStorage(Path.Combine(_root, "inner"));

        await Assert.ThrowsAsync<ArgumentException>(() => storage.SaveAsync(key, static (s, ct) => s.WriteAsync("x"u8.ToArray(), ct).AsTask(), Token));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.OpenReadAsync(key, Token));
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public async Task Unwritable_Folder_IsATypedErrorNamingTheKey()
    {
        // A folder below a regular file cannot be created, whoever runs the test (root ignores permissions).
        var file = Path.Combine(_root, "not-a-folder");
        await File.WriteAllTextAsync(file, "", Token);
        var storage = new FileSystemExportStorage(Path.Combine(file, "results"));

        var error = await Assert.ThrowsAsync<ExportStorageException>(() => storage.SaveAsync("ada/job.zip", static (s, ct) => s.WriteAsync("x"u8.ToArray(), ct).AsTask(), Token));

        Assert.Equal("ada/job.zip", error.Key);
        Assert.Contains("not-a-folder", error.Message, StringComparison.Ordinal);
    }
}
