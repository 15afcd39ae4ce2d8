using System.Text.RegularExpressions;

namespace AssistantKit.Export;

/// <summary>
/// Export results as files under one folder: written to a hidden temporary file next to the target, then moved into
/// place in one step, so a reader sees a whole result or none, and a failed or cancelled write leaves nothing.
/// </summary>
public sealed partial class FileSystemExportStorage : IExportStorage
{
    private const string TemporaryPrefix = ".writing-";
    private readonly string _root;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="root">The folder; created when first written.</param>
    public FileSystemExportStorage(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
    }

    /// <inheritdoc />
    public async Task<ExportStorageItem> SaveAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var path = PathOf(key);
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, TemporaryPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await write(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
            var info = new FileInfo(path);
            return new ExportStorageItem(key, info.Length, info.LastWriteTimeUtc);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not ExportStorageException)
        {
            throw new ExportStorageException($"The export result '{key}' could not be stored in {_root}: {e.Message}", key, e);
        }
        finally
        {
            if (File.Exists(temporary)) // gone already when the move succeeded, never there when the folder could not be made
            {
                File.Delete(temporary);
            }
        }
    }

    /// <inheritdoc />
    public Task<(ExportStorageItem Item, Stream Content)?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous);
            var info = new FileInfo(path);
            return Task.FromResult<(ExportStorageItem, Stream)?>((new ExportStorageItem(key, stream.Length, info.LastWriteTimeUtc), stream));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<(ExportStorageItem, Stream)?>(null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ExportStorageException($"The export result '{key}' could not be read from {_root}: {e.Message}", key, e);
        }
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        var existed = File.Exists(path);
        File.Delete(path);
        return Task.FromResult(existed);
    }

    /// <inheritdoc />
    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_root))
        {
            return Task.FromResult(0);
        }

        var deleted = 0;
        foreach (var file in new DirectoryInfo(_root).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.LastWriteTimeUtc < cutoff.UtcDateTime)
            {
                file.Delete(); // results and temporary files an ended process left behind
                deleted++;
            }
        }

        return Task.FromResult(deleted);
    }

    /// <summary>The file of a key, checked to be inside the folder.</summary>
    private string PathOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!KeyPattern().IsMatch(key) || key.Split('/').Any(static s => s is "." or ".."))
        {
            throw new ArgumentException($"'{key}' is not an export storage key: 1 to 4 segments of a-z A-Z 0-9 . _ - separated by '/', none of them '.' or '..'.", nameof(key));
        }

        var path = Path.GetFullPath(Path.Combine(_root, key));
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"'{key}' is outside the storage.", nameof(key));
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
