using System.Diagnostics;
using AssistantKit.Export;
using AssistantKit.Import;

namespace AssistantKit.Cli.Commands;

/// <summary>One run of <c>assistantkit export</c>: streams conversations from the inputs to files, a directory or a ZIP.</summary>
internal sealed class ExportRun(ExportOptions options, ImportOptions importOptions, string output, bool zip, bool quiet, IReadOnlyList<string> fonts, bool systemFonts)
{
    private readonly Progress _progress = new(quiet);

    /// <summary>Gets the output as reported: <c>-</c> for standard output, else the full path.</summary>
    private string OutputPath => OutputTarget.IsStandardOutput(output) ? output : Path.GetFullPath(output);
    private int _failed;
    private int _written;

    public async Task<int> ExecuteAsync(IReadOnlyList<string> inputs, CancellationToken cancellationToken)
    {
        // System.CommandLine registers its Ctrl+C/SIGTERM handler once the action returns its task: yield first, so that
        // nothing (a .partial file, a spool) exists before a signal would cancel the run instead of killing the process.
        await Task.Yield();
        foreach (var input in inputs)
        {
            if (!File.Exists(input) && !Directory.Exists(input))
            {
                Console.Error.WriteLine(input.StartsWith('-') && input.Length > 1
                    ? $"error: unknown option '{input}'; run 'assistantkit export --help' for the options"
                    : $"error: {input}: no such file or directory");
                return ExitCodes.BadUsage;
            }
        }

        if (string.IsNullOrWhiteSpace(output))
        {
            Console.Error.WriteLine("error: --out is empty; name a file, a directory (ending in /) or, with --zip, the ZIP file");
            return ExitCodes.BadUsage;
        }


        var (reader, exporter, provider) = Services.Create(fonts, systemFonts);
        await using var _ = provider.ConfigureAwait(false);
        if (!exporter.Formats.Contains(options.Format, StringComparer.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine($"error: unknown format '{options.Format}'; valid formats: {string.Join(", ", exporter.Formats.Order(StringComparer.Ordinal))}");
            return ExitCodes.BadUsage;
        }

        try
        {
            var conversations = Conversations(reader.ReadFilesAsync(inputs, importOptions, cancellationToken), cancellationToken);
            if (zip)
            {
                await WriteZipAsync(exporter, conversations, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await WriteFilesAsync(exporter, conversations, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ExportOptionsException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadUsage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The output side: a read-only or missing folder, a file where a folder is needed, a full disk. Nothing half-written stays.
            _progress.Error(ex is OutputException ? ex.Message : $"cannot write to {output}: {ex.Message}");
            return ExitCodes.BadUsage;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return ExitCodes.PartialFailure;
        }
        finally
        {
            _progress.Finish(_written, _failed);
        }

        return _written == 0 ? ExitCodes.BadUsage : _failed > 0 ? ExitCodes.PartialFailure : ExitCodes.Success;
    }

    /// <summary>The conversations that could be read; every one that could not is reported on stderr.</summary>
    private async IAsyncEnumerable<Conversation> Conversations(IAsyncEnumerable<ImportItem> items, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (item.Conversation is { } conversation)
            {
                foreach (var warning in item.Warnings)
                {
                    _progress.Error($"warning: {warning}");
                }

                yield return conversation;
            }
            else
            {
                _failed++;
                _progress.Error(item.Error!.Message);
            }
        }
    }

    private async Task WriteZipAsync(IConversationExporter exporter, IAsyncEnumerable<Conversation> conversations, CancellationToken cancellationToken)
    {
        var path = OutputPath;
        var result = await AtomicFile.WriteAsync(path, stream => exporter.ExportBatchAsync(Counted(conversations, cancellationToken), options, stream, cancellationToken)).ConfigureAwait(false);
        foreach (var item in result.Items.Where(static i => !i.Succeeded))
        {
            _failed++;
            _written--;
            _progress.Error($"{item.ConversationId}: {item.Error}");
        }

        _progress.Line($"wrote {path} ({result.Succeeded} conversations)");
    }

    private async IAsyncEnumerable<Conversation> Counted(IAsyncEnumerable<Conversation> conversations, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var conversation in conversations.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            _written++;
            _progress.Tick(_written, _failed);
            yield return conversation;
        }
    }

    /// <summary>One conversation to a file named by --out; several to a directory, one file each.</summary>
    private async Task WriteFilesAsync(IConversationExporter exporter, IAsyncEnumerable<Conversation> conversations, CancellationToken cancellationToken)
    {
        var enumerator = conversations.GetAsyncEnumerator(cancellationToken);
        await using var enumeratorScope = enumerator.ConfigureAwait(false);
        if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
        {
            return;
        }

        var first = enumerator.Current;
        var isDirectory = Directory.Exists(output) || output.EndsWith('/') || output.EndsWith(Path.DirectorySeparatorChar);
        if (!isDirectory && !await enumerator.MoveNextAsync().ConfigureAwait(false))
        {
            await WriteSingleFileAsync(exporter, first, cancellationToken).ConfigureAwait(false);
            return;
        }

        var second = isDirectory ? null : enumerator.Current;
        if (second is not null && (File.Exists(output) || OutputTarget.IsStandardOutput(output)))
        {
            throw new OutputException($"{(OutputTarget.IsStandardOutput(output) ? "standard output" : output)} takes one conversation, but the input holds several: name a directory (ending in /) for one file each, or add --zip for one archive");
        }

        await WriteToDirectoryAsync(exporter, first, cancellationToken).ConfigureAwait(false);
        if (second is not null)
        {
            await WriteToDirectoryAsync(exporter, second, cancellationToken).ConfigureAwait(false);
        }

        while (await enumerator.MoveNextAsync().ConfigureAwait(false))
        {
            await WriteToDirectoryAsync(exporter, enumerator.Current, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteSingleFileAsync(IConversationExporter exporter, Conversation conversation, CancellationToken cancellationToken)
    {
        var path = OutputPath;
        try
        {
            var result = await AtomicFile.WriteAsync(path, stream => exporter.ExportAsync(conversation, options, stream, cancellationToken)).ConfigureAwait(false);
            _written++;
            Report(path, result);
        }
        catch (ExportException ex)
        {
            _failed++;
            _progress.Error(ex.Message);
        }
    }

    private async Task WriteToDirectoryAsync(IConversationExporter exporter, Conversation conversation, CancellationToken cancellationToken)
    {
        try
        {
            var result = await exporter.ExportToDirectoryAsync(conversation, options, output, cancellationToken).ConfigureAwait(false);
            _written++;
            Report(Path.Combine(output, result.FileName), result);
        }
        catch (ExportException ex)
        {
            _failed++;
            _progress.Error(ex.Message);
        }
    }

    private void Report(string path, ExportResult result)
    {
        _progress.Line($"wrote {path} ({result.MessagesWritten} messages, {result.BytesWritten:N0} bytes)");
        foreach (var warning in result.Warnings)
        {
            _progress.Error($"warning: {path}: {warning}");
        }

        _progress.Tick(_written, _failed);
    }

    /// <summary>A live status line on a terminal (counts and rate); plain lines when output is redirected.</summary>
    private sealed class Progress(bool quiet)
    {
        private readonly bool _interactive = !quiet && !Console.IsErrorRedirected;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _lastDraw;
        private bool _drawn;

        public void Line(string text)
        {
            if (quiet)
            {
                return;
            }

            if (_interactive)
            {
                return; // a terminal shows the live line instead of one line per file
            }

            Console.WriteLine(text);
        }

        public void Error(string text)
        {
            Clear();
            Console.Error.WriteLine(text.StartsWith("warning:", StringComparison.Ordinal) ? text : "error: " + text);
        }

        public void Tick(int written, int failed)
        {
            if (!_interactive || _clock.ElapsedMilliseconds - _lastDraw < 100)
            {
                return;
            }

            _lastDraw = _clock.ElapsedMilliseconds;
            Draw(written, failed);
        }

        public void Finish(int written, int failed)
        {
            if (_interactive)
            {
                Draw(written, failed);
                Console.Error.WriteLine();
            }
            else if (!quiet)
            {
                Console.WriteLine($"{written} converted, {failed} failed in {_clock.Elapsed.TotalSeconds:N1} s");
            }
        }

        private void Draw(int written, int failed)
        {
            var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
            var spinner = "|/-\\"[(int)(_clock.ElapsedMilliseconds / 100 % 4)];
            Console.Error.Write($"\r{spinner} {written,7:N0} converted  {failed,5:N0} failed  {written / seconds,8:N1}/s  {_clock.Elapsed:mm\\:ss}   ");
            _drawn = true;
        }

        private void Clear()
        {
            if (_interactive && _drawn)
            {
                Console.Error.Write("\r" + new string(' ', 72) + "\r");
            }
        }
    }
}
