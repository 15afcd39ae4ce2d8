using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using AssistantKit.Export.Batch;
using AssistantKit.Export.Text;
using Microsoft.Extensions.Options;

namespace AssistantKit.Export;

/// <summary>Applies options and filters, then hands the prepared conversation to the formatter of the requested format.</summary>
internal sealed class ConversationExporter : IConversationExporter
{
    private readonly Dictionary<string, IExportFormatter> _formatters;
    private readonly TimeProvider _timeProvider;
    private readonly string _temporaryDirectory;

    public ConversationExporter(IEnumerable<IExportFormatter> formatters, TimeProvider timeProvider, IOptions<ExportServiceOptions> options)
    {
        _temporaryDirectory = options.Value.TemporaryDirectory ?? Path.GetTempPath();
        _formatters = new Dictionary<string, IExportFormatter>(StringComparer.OrdinalIgnoreCase);
        foreach (var formatter in formatters)
        {
            _formatters.TryAdd(formatter.Format, formatter); // the first registration of a key wins, as with TryAdd*
        }

        _timeProvider = timeProvider;
    }

    public IReadOnlyCollection<string> Formats => _formatters.Keys;

    public void Validate(ExportOptions options) => Plan(options);

    public async Task<ExportResult> ExportAsync(Conversation conversation, ExportOptions options, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(destination);
        var plan = Plan(options);
        return await ExportCoreAsync(plan, conversation, null, destination, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ExportResult> ExportAsync(Conversation header, IAsyncEnumerable<ConversationMessage> messages, ExportOptions options, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(destination);
        var plan = Plan(options);
        return await ExportCoreAsync(plan, header, messages, destination, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ExportResult> ExportToDirectoryAsync(Conversation conversation, ExportOptions options, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var plan = Plan(options);
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Guid.NewGuid():N}.partial");
        try
        {
            ExportResult result;
            var sideFiles = new SideFiles(SideFiles.FolderFor(conversation.Id, candidate => Path.Exists(Path.Combine(directory, "attachments", candidate))));
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                result = await ExportCoreAsync(plan, conversation, null, stream, cancellationToken, sideFiles).ConfigureAwait(false);
            }

            await sideFiles.WriteToAsync(directory, cancellationToken).ConfigureAwait(false);
            var fileName = SafeFileName.MakeUnique(result.FileName, candidate => File.Exists(Path.Combine(directory, candidate)));
            File.Move(temporary, Path.Combine(directory, fileName));
            return result with { FileName = fileName };
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<BatchExportResult> ExportBatchAsync(IAsyncEnumerable<Conversation> conversations, ExportOptions options, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentNullException.ThrowIfNull(destination);
        return BatchAsync(Loaded(conversations, cancellationToken), options, destination, null, cancellationToken);

        static async IAsyncEnumerable<BatchInput> Loaded(IAsyncEnumerable<Conversation> conversations, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var conversation in conversations.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return new BatchInput(conversation.Id ?? "", conversation, null);
            }
        }
    }

    public Task<BatchExportResult> ExportBatchAsync(IReadOnlyList<string> conversationIds, Func<string, CancellationToken, ValueTask<Conversation?>> load, ExportOptions options, Stream destination, IProgress<BatchItemResult>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationIds);
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(destination);
        return BatchAsync(Loaded(conversationIds, load, cancellationToken), options, destination, progress, cancellationToken);

        static async IAsyncEnumerable<BatchInput> Loaded(IReadOnlyList<string> ids, Func<string, CancellationToken, ValueTask<Conversation?>> load, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var id in ids)
            {
                Conversation? conversation;
                string? error;
                try
                {
                    conversation = await load(id, cancellationToken).ConfigureAwait(false);
                    error = conversation is null ? "The conversation was not found." : null;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    (conversation, error) = (null, $"The conversation could not be read: {ex.Message}");
                }

                yield return new BatchInput(id, conversation, error);
            }
        }
    }

    private async Task<BatchExportResult> BatchAsync(IAsyncEnumerable<BatchInput> inputs, ExportOptions options, Stream destination, IProgress<BatchItemResult>? progress, CancellationToken cancellationToken)
    {
        var plan = Plan(options);
        var items = new List<BatchItemResult>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "manifest.json" };
        var folders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var archive = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true))
        {
            await foreach (var input in inputs.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var item = input.Conversation is null
                    ? new BatchItemResult { ConversationId = input.Id, Error = input.Error }
                    : await ExportEntryAsync(plan, input.Conversation, archive, names, folders, cancellationToken).ConfigureAwait(false);
                items.Add(item);
                progress?.Report(item);
            }

            var manifest = archive.CreateEntry("manifest.json", CompressionLevel.Optimal);
            var manifestStream = await manifest.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (manifestStream.ConfigureAwait(false))
            {
                await BatchManifest.WriteAsync(manifestStream, plan.Options.Format, _timeProvider.GetUtcNow(), items, cancellationToken).ConfigureAwait(false);
            }
        }

        return new BatchExportResult { Items = items };
    }

    private async Task<BatchItemResult> ExportEntryAsync(ExportPlan plan, Conversation conversation, ZipArchive archive, HashSet<string> names, HashSet<string> folders, CancellationToken cancellationToken)
    {
        // Export into a temporary file first: a conversation that fails half-way must not leave half a file in the archive.
        var buffer = new FileStream(Path.Combine(_temporaryDirectory, $"assistantkit-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (buffer.ConfigureAwait(false))
        {
            ExportResult result;
            var sideFiles = new SideFiles(SideFiles.FolderFor(conversation.Id, candidate => !folders.Add(candidate)));
            try
            {
                result = await ExportCoreAsync(plan, conversation, null, buffer, cancellationToken, sideFiles).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return new BatchItemResult { ConversationId = conversation.Id ?? "", Title = conversation.Title, Error = (ex as ExportException)?.InnerException?.Message ?? ex.Message };
            }

            var name = SafeFileName.MakeUnique(result.FileName, candidate => !names.Add(candidate));

            buffer.Position = 0;
            var entry = archive.CreateEntry(name, CompressionLevel.Fastest);
            entry.LastWriteTime = conversation.UpdatedAt ?? conversation.CreatedAt ?? _timeProvider.GetUtcNow();
            var entryStream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (entryStream.ConfigureAwait(false))
            {
                await buffer.CopyToAsync(entryStream, cancellationToken).ConfigureAwait(false);
            }

            foreach (var (path, data) in sideFiles.Files)
            {
                var side = archive.CreateEntry(path, CompressionLevel.Fastest);
                side.LastWriteTime = entry.LastWriteTime;
                var sideStream = await side.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (sideStream.ConfigureAwait(false))
                {
                    await sideStream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                }
            }

            return new BatchItemResult
            {
                ConversationId = conversation.Id,
                Title = conversation.Title,
                FileName = name,
                MessagesWritten = result.MessagesWritten,
                BytesWritten = result.BytesWritten,
                Warnings = result.Warnings,
            };
        }
    }

    /// <summary>Exports <paramref name="header"/> with <paramref name="messages"/>, or with its own messages when that is <see langword="null"/>.</summary>
    private async Task<ExportResult> ExportCoreAsync(ExportPlan plan, Conversation header, IAsyncEnumerable<ConversationMessage>? messages, Stream destination, CancellationToken cancellationToken, SideFiles? sideFiles = null)
    {
        if (header.Id is null)
        {
            throw new ArgumentException("The conversation has no id.", nameof(header));
        }

        var warnings = new List<string>();
        var projection = new ExportProjection(plan.Options, plan.TimeZone, warnings);
        var branches = messages is null && !plan.Formatter.WritesWholeTree ? BranchView.Of(header.Messages) : null;
        var context = new ExportContext(
            projection.Header(header),
            messages is null ? projection.Messages(branches?.Shown ?? header.Messages, cancellationToken) : projection.Messages(messages, cancellationToken),
            plan.Options,
            plan.Culture,
            plan.TimeZone,
            TimeZoneInfo.ConvertTime(_timeProvider.GetUtcNow(), plan.TimeZone),
            warnings,
            sideFiles,
            branches is not null && plan.Options.IncludeAlternatives ? id => branches.AlternativesOf(id).Select(projection.Prepare).Where(static a => a.Count > 0).ToList() : null);
        var counting = new CountingStream(destination);
        try
        {
            await plan.Formatter.WriteAsync(context, counting, cancellationToken).ConfigureAwait(false);
            await counting.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ExportOptionsException)
        {
            throw new ExportException($"Exporting conversation '{header.Id}' to {plan.Formatter.Format} failed: {ex.Message}", header.Id, plan.Formatter.Format, ex);
        }

        return new ExportResult
        {
            Format = plan.Formatter.Format,
            ContentType = plan.Formatter.ContentType,
            FileName = FileNameFor(plan, header, context),
            BytesWritten = counting.BytesWritten,
            MessagesWritten = projection.Count,
            Warnings = warnings,
        };
    }

    private static string FileNameFor(ExportPlan plan, Conversation header, ExportContext context)
    {
        var date = (header.CreatedAt is { } created ? TimeZoneInfo.ConvertTime(created, plan.TimeZone) : context.ExportedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var stem = plan.Options.FileNameTemplate
            .Replace("{title}", context.Title, StringComparison.OrdinalIgnoreCase)
            .Replace("{date}", date, StringComparison.OrdinalIgnoreCase)
            .Replace("{id}", header.Id, StringComparison.OrdinalIgnoreCase);
        return SafeFileName.Create(stem, plan.Formatter.FileExtension);
    }

    private ExportPlan Plan(ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Format is null || !_formatters.TryGetValue(options.Format, out var formatter))
        {
            throw new ExportOptionsException($"Unknown export format '{options.Format}'. Valid formats: {string.Join(", ", _formatters.Keys.Order(StringComparer.Ordinal))}.", nameof(options.Format));
        }

        if (options.DateRange is { Start: { } start, End: { } end } && start > end)
        {
            throw new ExportOptionsException($"The date range starts ({start:O}) after it ends ({end:O}).", nameof(options.DateRange));
        }

        if (!Enum.IsDefined(options.MessageFilter))
        {
            throw new ExportOptionsException($"Unknown message filter '{options.MessageFilter}'. Valid filters: {string.Join(", ", Enum.GetNames<MessageFilter>())}.", nameof(options.MessageFilter));
        }

        if (options.CsvSeparator is '"' or '\r' or '\n' || options.CsvSeparator > 127)
        {
            throw new ExportOptionsException($"The CSV separator '{options.CsvSeparator}' is not allowed; use an ASCII character other than a quote or line break, such as ',', ';' or a tab.", nameof(options.CsvSeparator));
        }

        if (options.MaxEmbeddedAttachmentBytes < 0)
        {
            throw new ExportOptionsException($"The embedded attachment limit is {options.MaxEmbeddedAttachmentBytes}; use 0 (embed nothing) or more.", nameof(options.MaxEmbeddedAttachmentBytes));
        }

        if (string.IsNullOrWhiteSpace(options.FileNameTemplate))
        {
            throw new ExportOptionsException("The file name template is empty; use placeholders {title}, {date} and {id}, for example \"{title} {date}\".", nameof(options.FileNameTemplate));
        }

        return new ExportPlan(options, formatter, ResolveTimeZone(options.TimeZone), ResolveCulture(options.Culture));
    }

    private static TimeZoneInfo ResolveTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Equals("UTC", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        throw new ExportOptionsException($"Unknown time zone '{id}'. Use an IANA id such as \"UTC\", \"Europe/Berlin\" or \"America/New_York\" (see TimeZoneInfo.GetSystemTimeZones()).", nameof(ExportOptions.TimeZone));
    }

    private static CultureInfo ResolveCulture(string? name)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(string.IsNullOrWhiteSpace(name) ? "en" : name, predefinedOnly: true);
            return culture.IsNeutralCulture ? CultureInfo.CreateSpecificCulture(culture.Name) : culture;
        }
        catch (CultureNotFoundException)
        {
            throw new ExportOptionsException($"Unknown culture '{name}'. Built-in labels: \"en\", \"de\"; any specific culture such as \"de-AT\" or \"en-GB\" formats dates.", nameof(ExportOptions.Culture));
        }
    }

    private sealed record ExportPlan(ExportOptions Options, IExportFormatter Formatter, TimeZoneInfo TimeZone, CultureInfo Culture);

    /// <summary>One entry of a batch: a conversation, or why there is none.</summary>
    private sealed record BatchInput(string Id, Conversation? Conversation, string? Error);
}
