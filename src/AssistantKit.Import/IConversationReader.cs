namespace AssistantKit.Import;

/// <summary>
/// Reads conversations from the export files people already have (ChatGPT, Claude.ai, LibreChat, Open WebUI, Chatbot UI, OpenAI and
/// Anthropic message arrays, Microsoft.Extensions.AI chat messages, AssistantKit JSON), detecting the format from the content.
/// </summary>
/// <remarks>
/// Large files stream: a top-level array of conversations is read one conversation at a time, so memory is bounded by
/// the largest conversation, not the file. A conversation that cannot be read is reported as an <see cref="ImportItem"/>
/// with an <see cref="ImportItem.Error"/> naming file, conversation index and JSON path; the others are still read.
/// Malformed JSON (truncated, not JSON) ends the file with one error item, since nothing after it can be trusted.
/// The reader never throws for bad input; what it promises about hostile files (limits, typed errors, nothing lost
/// silently) is <see href="https://github.com/assistantkit/assistantkit/blob/main/docs/hostile-input.md">the hostile-input contract</see>.
/// </remarks>
public interface IConversationReader
{
    /// <summary>Gets the registered importers.</summary>
    IReadOnlyCollection<IConversationImporter> Importers { get; }

    /// <summary>Reads every conversation in <paramref name="source"/>.</summary>
    /// <param name="source">The stream; read to its end, left open; need not be seekable.</param>
    /// <param name="fileName">The name of the file, used in errors and ids; or <see langword="null"/>.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults (detect the format).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One item per conversation, in file order.</returns>
    IAsyncEnumerable<ImportItem> ReadAsync(Stream source, string? fileName = null, ImportOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads files, directories and ZIP archives: a directory or archive contributes its <c>conversations.json</c> or
    /// split <c>conversations-000.json</c>, <c>conversations-001.json</c> … files (ChatGPT data export), else every <c>.json</c> file.
    /// </summary>
    /// <param name="paths">The paths.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One item per conversation; a file that cannot be opened gives one error item.</returns>
    IAsyncEnumerable<ImportItem> ReadFilesAsync(IEnumerable<string> paths, ImportOptions? options = null, CancellationToken cancellationToken = default);
}
