namespace AssistantKit.Cli.Commands;

/// <summary>Files the tool writes appear only when complete.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes to <c>path.partial</c> and renames it when complete, so a failed or cancelled run never leaves a half-written
    /// file; <c>-</c> writes to standard output, and an existing device, FIFO or socket is written through (see
    /// <see cref="OutputTarget"/>).
    /// </summary>
    public static async Task<T> WriteAsync<T>(string path, Func<Stream, Task<T>> write)
    {
        if (OutputTarget.IsStandardOutput(path) || OutputTarget.IsSpecial(path))
        {
            var target = OutputTarget.IsStandardOutput(path) ? Console.OpenStandardOutput() : new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            await using (target.ConfigureAwait(false))
            {
                return await write(target).ConfigureAwait(false);
            }
        }

        path = Path.GetFullPath(path);
        if (Directory.Exists(path))
        {
            throw new OutputException($"{path} is a directory; name a file, or leave out --zip to write one file per conversation into it");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".partial";
        try
        {
            T result;
            var stream = File.Create(temporary);
            await using (stream.ConfigureAwait(false))
            {
                result = await write(stream).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
