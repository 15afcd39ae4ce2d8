using AssistantKit.Export.Text;

namespace AssistantKit.Export;

/// <summary>
/// The files an export writes beside its main file when its destination can hold more than one (a batch ZIP, a
/// directory): attachment bytes under <c>attachments/&lt;conversation&gt;/</c>, linked relatively from the export.
/// </summary>
internal sealed class SideFiles(string folder)
{
    private readonly List<(string Path, ReadOnlyMemory<byte> Data)> _files = [];
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<(string Path, ReadOnlyMemory<byte> Data)> Files => _files;

    /// <summary>Adds a file and returns its path relative to the export (forward slashes).</summary>
    public string Add(string? name, ReadOnlyMemory<byte> data)
    {
        var extension = Path.GetExtension(name ?? "").TrimStart('.');
        var safe = SafeFileName.Create(Path.GetFileNameWithoutExtension(name), SafeFileName.Create(extension, "", "bin"), "attachment");
        var path = $"{folder}/{SafeFileName.MakeUnique(safe, candidate => !_names.Add(candidate))}";
        _files.Add((path, data));
        return path;
    }

    /// <summary>The folder for one conversation's files (<c>attachments/&lt;id&gt;</c>), with a name <paramref name="isTaken"/> does not refuse.</summary>
    public static string FolderFor(string? conversationId, Func<string, bool> isTaken) =>
        "attachments/" + SafeFileName.MakeUnique(SafeFileName.Create(conversationId, "", "conversation"), isTaken);

    /// <summary>Writes the files under <paramref name="directory"/>.</summary>
    public async Task WriteToAsync(string directory, CancellationToken cancellationToken)
    {
        foreach (var (path, data) in _files)
        {
            var file = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllBytesAsync(file, data, cancellationToken).ConfigureAwait(false);
        }
    }
}
