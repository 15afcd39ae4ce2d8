using System.Text.Json;
using AssistantKit.Templates.Serialization;

namespace AssistantKit.Templates;

/// <summary>
/// A template store in a directory: one folder per template, one JSON file per version (<c>v000001.json</c> …).
/// A version file is written to a temporary file and moved into place without overwriting, which is atomic: of two
/// concurrent writers of the same version exactly one wins and the other gets a <see cref="TemplateConcurrencyException"/>.
/// A corrupt file is reported in <see cref="LoadErrors"/> and skipped; the rest still load.
/// </summary>
public sealed class FileSystemTemplateStore : TemplateStoreBase
{
    private readonly string _root;
    private readonly List<string> _loadErrors = [];

    /// <summary>Initializes a new instance.</summary>
    /// <param name="directory">The directory; created when missing.</param>
    /// <param name="timeProvider">The clock, or <see langword="null"/> for the system clock.</param>
    public FileSystemTemplateStore(string directory, TimeProvider? timeProvider = null)
        : base(timeProvider ?? TimeProvider.System)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _root = Path.GetFullPath(directory);
        Directory.CreateDirectory(_root);
    }

    /// <summary>Gets the files that could not be read (path and reason), from the most recent loads.</summary>
    public IReadOnlyList<string> LoadErrors
    {
        get
        {
            lock (_loadErrors)
            {
                return _loadErrors.ToArray();
            }
        }
    }

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<StoredTemplate>> LoadVersionsAsync(string id, CancellationToken cancellationToken)
    {
        var folder = Folder(id);
        if (folder is null || !Directory.Exists(folder))
        {
            return [];
        }

        var versions = new List<StoredTemplate>();
        foreach (var file in Directory.GetFiles(folder, "v*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
                var stored = JsonSerializer.Deserialize(bytes, TemplateJson.TypeInfo<StoredTemplateFile>())
                    ?? throw new JsonException("The file holds null.");
                versions.Add(new StoredTemplate { Template = stored.Template, Version = stored.Version, SavedAt = stored.SavedAt, SavedBy = stored.SavedBy, ChangeNote = stored.ChangeNote });
            }
            catch (Exception ex) when (ex is JsonException or IOException or NotSupportedException)
            {
                lock (_loadErrors)
                {
                    _loadErrors.Add($"{file}: {ex.Message}");
                }
            }
        }

        return versions;
    }

    /// <inheritdoc />
    protected override Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(Directory.GetDirectories(_root).Select(Path.GetFileName).OfType<string>().Where(static n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToArray());

    /// <inheritdoc />
    protected override async Task<bool> TryAppendAsync(StoredTemplate version, CancellationToken cancellationToken)
    {
        var folder = Folder(version.Template.Id) ?? throw new ArgumentException($"'{version.Template.Id}' is not a valid template id.", nameof(version));
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, $"v{version.Version:D6}.json");
        var temporary = Path.Combine(_root, $".{Guid.NewGuid():N}.tmp");
        var claimPath = Path.Combine(folder, $".v{version.Version:D6}.claim");
        try
        {
            var file = new StoredTemplateFile { Version = version.Version, SavedAt = version.SavedAt, SavedBy = version.SavedBy, ChangeNote = version.ChangeNote, Template = version.Template };
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, file, TemplateJson.TypeInfo<StoredTemplateFile>(), cancellationToken).ConfigureAwait(false);
            }

            // File.Move without overwrite checks and renames in two steps on Unix, so two writers could both pass the
            // check. An exclusive lock on a claim file (released by the OS even if the process dies) lets one writer at a
            // time move its version into place.
            FileStream claim;
            try
            {
                claim = new FileStream(claimPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                return false; // another writer is saving this version right now
            }

            using (claim)
            {
                if (File.Exists(target))
                {
                    return false;
                }

                File.Move(temporary, target, overwrite: false);
                return true;
            }
        }
        catch (IOException) when (File.Exists(target))
        {
            return false; // the other writer's version landed first
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The folder of a template; ids are validated (lower-case letters, digits, hyphens), so no id can name a path outside the store.</summary>
    private string? Folder(string id) =>
        id.Length is > 0 and <= 64 && id.All(static c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && id[0] != '-'
            ? Path.Combine(_root, id)
            : null;
}
