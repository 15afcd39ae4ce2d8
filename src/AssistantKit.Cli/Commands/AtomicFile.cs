namespace AssistantKit.Cli.Commands;

/// <summary>Files the tool writes appear only when complete.</summary>
internal static class AtomicFile
{
    /// <summary>Writes to <c>path.partial</c> and renames it when complete, so a failed run never leaves a half-written file.</summary>
    public static async Task<T> WriteAsync<T>(string path, Func<Stream, Task<T>> write)
    {
        path = Path.GetFullPath(path);
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
