namespace AssistantKit.Export;

/// <summary>
/// Where finished exports are kept until they are downloaded or expire (for background export jobs): a file system by
/// default, small enough to put on blob storage. A result is visible only once it is complete; a write that fails
/// leaves nothing behind. Keys are one to four segments of <c>a-z A-Z 0-9 . _ -</c> separated by <c>/</c>, so no key
/// names a place outside the storage.
/// </summary>
public interface IExportStorage
{
    /// <summary>Stores what <paramref name="write"/> writes under <paramref name="key"/>, replacing an earlier result of that key once complete.</summary>
    /// <param name="key">The key, for example <c>ada/job-42.zip</c>.</param>
    /// <param name="write">Writes the result to the stream it is given.</param>
    /// <param name="cancellationToken">Cancels the call; nothing is stored then.</param>
    /// <returns>What was stored.</returns>
    /// <exception cref="ArgumentException">The key is not a valid key.</exception>
    /// <exception cref="ExportStorageException">The storage could not be written; nothing was stored.</exception>
    Task<ExportStorageItem> SaveAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default);

    /// <summary>Opens a stored result for reading.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result and its content, or <see langword="null"/> when there is none under the key; the caller disposes the stream.</returns>
    Task<(ExportStorageItem Item, Stream Content)?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes a stored result.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether there was one.</returns>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes every result stored before <paramref name="cutoff"/> (retention).</summary>
    /// <param name="cutoff">The oldest time kept.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were deleted.</returns>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}

/// <summary>A stored export result.</summary>
/// <param name="Key">Its key.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="StoredAt">When it was stored.</param>
public sealed record ExportStorageItem(string Key, long Length, DateTimeOffset StoredAt);

/// <summary>An export storage could not be read or written (a full disk, a read-only folder, a missing share).</summary>
public sealed class ExportStorageException : IOException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What failed, and where.</param>
    /// <param name="key">The key concerned.</param>
    /// <param name="innerException">The cause.</param>
    public ExportStorageException(string message, string key, Exception? innerException)
        : base(message, innerException)
    {
        Key = key;
    }

    /// <summary>Gets the key concerned.</summary>
    public string Key { get; }
}
