namespace AssistantKit.Export;

/// <summary>Exports conversations to the registered formats. Resolve it from DI after <c>AddAssistantKit()</c> or <c>AddExport()</c>.</summary>
public interface IConversationExporter
{
    /// <summary>Gets the registered format keys.</summary>
    IReadOnlyCollection<string> Formats { get; }

    /// <summary>Checks options without exporting anything, for example before queueing a background export.</summary>
    /// <param name="options">The format, filters and options.</param>
    /// <exception cref="ExportOptionsException">The options are invalid (unknown format or time zone, start after end …).</exception>
    void Validate(ExportOptions options);

    /// <summary>Exports one conversation.</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="options">The format, filters and options.</param>
    /// <param name="destination">The stream to write to; it is left open.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ExportOptionsException">The options are invalid (unknown format or time zone, start after end …).</exception>
    /// <exception cref="ExportException">The formatter failed; the destination holds partial output and must be discarded.</exception>
    Task<ExportResult> ExportAsync(Conversation conversation, ExportOptions options, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>Exports a conversation whose messages arrive as a stream, in constant memory however many there are.</summary>
    /// <param name="header">The conversation's header; its <see cref="Conversation.Messages"/> are ignored.</param>
    /// <param name="messages">The messages, in order.</param>
    /// <param name="options">The format, filters and options.</param>
    /// <param name="destination">The stream to write to; it is left open.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>What was written.</returns>
    Task<ExportResult> ExportAsync(Conversation header, IAsyncEnumerable<ConversationMessage> messages, ExportOptions options, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>Exports one conversation into a file in <paramref name="directory"/>, named by <see cref="ExportOptions.FileNameTemplate"/>. The file appears only when complete.</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="options">The format, filters and options.</param>
    /// <param name="directory">The directory; created when missing.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>What was written; <see cref="ExportResult.FileName"/> is the file's name in <paramref name="directory"/> (made unique).</returns>
    Task<ExportResult> ExportToDirectoryAsync(Conversation conversation, ExportOptions options, string directory, CancellationToken cancellationToken = default);

    /// <summary>
    /// Exports many conversations into a ZIP archive: one file per conversation (unique, safe names) and <c>manifest.json</c>
    /// with each item's status. A conversation that fails is recorded in the manifest and the batch goes on.
    /// Memory stays flat however many conversations stream through.
    /// </summary>
    /// <param name="conversations">The conversations.</param>
    /// <param name="options">The format, filters and options for every conversation.</param>
    /// <param name="destination">The stream the ZIP is written to (need not be seekable); it is left open.</param>
    /// <param name="cancellationToken">Cancels the batch promptly.</param>
    /// <returns>Per-conversation results.</returns>
    Task<BatchExportResult> ExportBatchAsync(IAsyncEnumerable<Conversation> conversations, ExportOptions options, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Exports the conversations with the given ids into a ZIP archive, as <see cref="ExportBatchAsync(IAsyncEnumerable{Conversation}, ExportOptions, Stream, CancellationToken)"/>,
    /// loading each one when its turn comes. An id that <paramref name="load"/> does not find (<see langword="null"/>) or cannot read
    /// (it throws) is recorded as failed in the manifest and the batch goes on.
    /// </summary>
    /// <param name="conversationIds">The ids, in the order wanted in the archive.</param>
    /// <param name="load">Loads one conversation; <see langword="null"/> when there is none with that id.</param>
    /// <param name="options">The format, filters and options for every conversation.</param>
    /// <param name="destination">The stream the ZIP is written to (need not be seekable); it is left open.</param>
    /// <param name="progress">Told each item's result as soon as it is done, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the batch promptly.</param>
    /// <returns>Per-conversation results, one per id.</returns>
    Task<BatchExportResult> ExportBatchAsync(IReadOnlyList<string> conversationIds, Func<string, CancellationToken, ValueTask<Conversation?>> load, ExportOptions options, Stream destination, IProgress<BatchItemResult>? progress = null, CancellationToken cancellationToken = default);
}
