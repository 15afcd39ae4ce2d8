using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AssistantKit.Import;

/// <summary>Detects the format, streams top-level arrays element by element, and turns every failure into an error item.</summary>
internal sealed class ImportReader(IEnumerable<IConversationImporter> importers) : IConversationReader
{
    private const int ProbeSize = 64 * 1024;

    private readonly IConversationImporter[] _importers = importers.DistinctBy(static i => i.Format, StringComparer.OrdinalIgnoreCase).ToArray();

    public IReadOnlyCollection<IConversationImporter> Importers => _importers;

    public IAsyncEnumerable<ImportItem> ReadAsync(Stream source, string? fileName = null, ImportOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadAsync(source, fileName, options, null, cancellationToken);

    private async IAsyncEnumerable<ImportItem> ReadAsync(Stream source, string? fileName, ImportOptions? options, AttachmentFiles? files, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new ImportOptions();
        var probe = new byte[ProbeSize];
        var length = await source.ReadAtLeastAsync(probe, ProbeSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var shape = JsonShapeProbe.Probe(probe.AsSpan(0, length), isFinalBlock: length < ProbeSize);
        var importer = Choose(options.Format, shape, out var problem);
        if (importer is null)
        {
            yield return Failure(options.Format ?? "unknown", fileName, 0, new ConversationImportException(problem!, fileName, null, "$", 1, null));
            yield break;
        }

        var input = new PrefixedStream(probe, length, source);
        var items = shape!.IsArray && importer.ArrayHoldsConversations
            ? ReadElementsAsync(importer, input, fileName, options, files, cancellationToken)
            : ReadDocumentAsync(importer, input, fileName, options, files, cancellationToken);
        await foreach (var item in items.ConfigureAwait(false))
        {
            yield return item;
        }
    }

    public async IAsyncEnumerable<ImportItem> ReadFilesAsync(IEnumerable<string> paths, ImportOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = AttachmentFiles.FromDirectory(path);
                var picked = Pick(Directory.GetFiles(path), static f => Path.GetFileName(f)).ToList();
                if (picked.Count == 0)
                {
                    yield return Failure(options?.Format ?? "unknown", path, 0, new ConversationImportException("The directory holds no .json file (an export's conversations.json, or the ZIP itself, is what to read)", path, null, null, null, null));
                }

                foreach (var file in picked)
                {
                    await foreach (var item in ReadFileAsync(file, options, files, cancellationToken).ConfigureAwait(false))
                    {
                        yield return item;
                    }
                }
            }
            else if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && File.Exists(path))
            {
                await foreach (var item in ReadZipAsync(path, options, cancellationToken).ConfigureAwait(false))
                {
                    yield return item;
                }
            }
            else
            {
                await foreach (var item in ReadFileAsync(path, options, null, cancellationToken).ConfigureAwait(false))
                {
                    yield return item;
                }
            }
        }
    }

    /// <summary>A ChatGPT data export's conversations files in order (split or not); otherwise every JSON file.</summary>
    private static IEnumerable<T> Pick<T>(IEnumerable<T> entries, Func<T, string> name)
    {
        var json = entries.Where(e => name(e).EndsWith(".json", StringComparison.OrdinalIgnoreCase)).OrderBy(name, StringComparer.Ordinal).ToList();
        var conversations = json.Where(e => name(e).StartsWith("conversations", StringComparison.OrdinalIgnoreCase)).ToList();
        return conversations.Count > 0 ? conversations : json;
    }

    private async IAsyncEnumerable<ImportItem> ReadFileAsync(string path, ImportOptions? options, AttachmentFiles? files, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        FileStream? stream = null;
        ImportItem? failure = null;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            failure = Failure(options?.Format ?? "unknown", path, 0, new ConversationImportException($"Cannot open the file: {ex.Message}", path, null, null, null, ex));
        }

        if (stream is null)
        {
            yield return failure!;
            yield break;
        }

        await using (stream.ConfigureAwait(false))
        {
            await foreach (var item in ReadAsync(stream, Path.GetFileName(path), options, files, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }

    private async IAsyncEnumerable<ImportItem> ReadZipAsync(string path, ImportOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ZipArchive? archive = null;
        ImportItem? failure = null;
        try
        {
            archive = ZipFile.OpenRead(path);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            failure = Failure(options?.Format ?? "unknown", path, 0, new ConversationImportException($"Cannot open the ZIP archive: {ex.Message}", path, null, null, null, ex));
        }

        if (archive is null)
        {
            yield return failure!;
            yield break;
        }

        using (archive)
        {
            var files = AttachmentFiles.FromZip(archive);
            var picked = Pick(archive.Entries.Where(static e => e.Length > 0), static e => e.Name).ToList();
            if (picked.Count == 0)
            {
                var nested = archive.Entries.Any(static e => e.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase));
                yield return Failure(options?.Format ?? "unknown", path, 0, new ConversationImportException(
                    nested ? "The ZIP archive holds no .json file, only another ZIP: unpack the outer one and read the inner" : "The ZIP archive holds no .json file (it is empty, or not a conversation export)", path, null, null, null, null));
            }

            foreach (var entry in picked)
            {
                var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    await foreach (var item in ReadAsync(stream, $"{Path.GetFileName(path)}/{entry.FullName}", options, files, cancellationToken).ConfigureAwait(false))
                    {
                        yield return item;
                    }
                }
            }
        }
    }

    private IConversationImporter? Choose(string? format, JsonShape? shape, out string? problem)
    {
        problem = null;
        if (format is not null)
        {
            var named = _importers.FirstOrDefault(i => string.Equals(i.Format, format, StringComparison.OrdinalIgnoreCase));
            if (named is null)
            {
                problem = $"Unknown import format '{format}'. Valid formats: {string.Join(", ", _importers.Select(static i => i.Format))}.";
            }
            else if (shape is null)
            {
                problem = "The input is not JSON (it does not start with '{' or '[').";
                return null;
            }

            return named;
        }

        if (shape is null)
        {
            problem = $"The input is not a JSON export (it does not start with '{{' or '['). Readable formats: {string.Join(", ", _importers.Select(static i => i.Format))}.";
            return null;
        }

        var best = _importers.Select(i => (Importer: i, Score: i.Detect(shape))).Where(static p => p.Score > 0).OrderByDescending(static p => p.Score).FirstOrDefault();
        if (best.Importer is null)
        {
            problem = $"The JSON is not a conversation export this version recognizes (top-level {(shape.IsArray ? "array of objects" : "object")} with properties {string.Join(", ", shape.Properties.Take(12))}). " +
                $"Readable formats: {string.Join(", ", _importers.Select(static i => i.Format))}; name one with ImportOptions.Format (--input-format) to force it.";
        }

        return best.Importer;
    }

    private static async IAsyncEnumerable<ImportItem> ReadElementsAsync(IConversationImporter importer, Stream input, string? fileName, ImportOptions options, AttachmentFiles? files, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var element in JsonArrayStreamer.ReadAsync(input, options.MaxDepth, cancellationToken).ConfigureAwait(false))
        {
            if (element.Error is { } ex)
            {
                // Nothing after malformed JSON can be trusted: this is the last item of the file.
                yield return Failure(importer.Format, fileName, element.Index, new ConversationImportException(
                    $"Invalid JSON: {Trim(ex.Message)}", fileName, element.Index, $"$[{element.Index}]", ex.LineNumber + 1, ex));
                yield break;
            }

            using var document = element.Document!;
            foreach (var item in ReadValue(importer, document.RootElement, fileName, element.Index, $"$[{element.Index}]", options, files))
            {
                yield return item;
            }
        }
    }

    private static async IAsyncEnumerable<ImportItem> ReadDocumentAsync(IConversationImporter importer, Stream input, string? fileName, ImportOptions options, AttachmentFiles? files, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        JsonDocument document;
        ImportItem? failure = null;
        try
        {
            document = await JsonDocument.ParseAsync(input, new JsonDocumentOptions { MaxDepth = options.MaxDepth, CommentHandling = JsonCommentHandling.Skip }, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            document = null!;
            failure = Failure(importer.Format, fileName, 0, new ConversationImportException($"Invalid JSON: {Trim(ex.Message)}", fileName, null, ex.Path ?? "$", ex.LineNumber + 1, ex));
        }

        if (failure is not null)
        {
            yield return failure;
            yield break;
        }

        using (document)
        {
            foreach (var item in ReadValue(importer, document.RootElement, fileName, 0, "$", options, files))
            {
                yield return item;
            }
        }
    }

    private static List<ImportItem> ReadValue(IConversationImporter importer, JsonElement value, string? fileName, int index, string path, ImportOptions options, AttachmentFiles? files)
    {
        var context = new ImportContext(fileName, index, path, options);
        JsonDocument? repaired = null;
        try
        {
            repaired = JsonTextRepair.Repair(value, options.MaxDepth, at => context.Warn("Invalid UTF-8 or a lone UTF-16 surrogate in the text; each broken sequence is read as U+FFFD", at));
            return importer.Read(repaired?.RootElement ?? value, context)
                .Select(c => files?.Resolve(c, context) ?? c)
                .Select(c => new ImportItem { FileName = fileName, Index = index, Format = importer.Format, Conversation = c, Warnings = context.TakeWarnings() }).ToList();
        }
        catch (ConversationImportException ex)
        {
            return [Failure(importer.Format, fileName, index, ex)];
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException or JsonException or OverflowException)
        {
            return [Failure(importer.Format, fileName, index, new ConversationImportException(ex.Message, fileName, index, path, null, ex))];
        }
        finally
        {
            repaired?.Dispose();
        }
    }

    private static ImportItem Failure(string format, string? fileName, int index, ConversationImportException error) =>
        new() { FileName = fileName, Index = index, Format = format, Error = error };

    private static string Trim(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        cut = cut < 0 ? message.IndexOf(" LineNumber: ", StringComparison.Ordinal) : cut;
        return (cut < 0 ? message : message[..cut]).TrimEnd('.', ' ');
    }
}

[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(List<JsonElement>))]
internal sealed partial class ImportJsonContext : JsonSerializerContext;

/// <summary>Replays the bytes read for format detection, then the rest of the stream.</summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream rest) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position < prefixLength)
        {
            var n = Math.Min(buffer.Length, prefixLength - _position);
            prefix.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        return rest.Read(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < prefixLength)
        {
            return Read(buffer.Span);
        }

        return await rest.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
