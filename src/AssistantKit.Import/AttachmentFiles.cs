using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using AssistantKit.Text;

namespace AssistantKit.Import;

/// <summary>
/// The files beside the conversations in an export (the ZIP, or its unpacked folder), by the id their names start with:
/// a ChatGPT export stores the image behind <c>file-service://file-AbC12</c> as <c>file-AbC12-photo.png</c> (or in a
/// folder such as <c>dalle-generations/</c>), and the one behind <c>sediment://file_00ab</c> as <c>file_00ab-….png</c>.
/// An <see cref="AttachmentPart"/> without data whose <see cref="AttachmentPart.Uri"/> or name points at one of them gets
/// its bytes, read when the conversation is, with the media type sniffed from the bytes. The bytes a conversation may
/// hold are capped (<see cref="ImportOptions.MaxAttachmentBytes"/>); past the cap the attachment stays a reference and a
/// warning says so.
/// </summary>
internal sealed partial class AttachmentFiles
{
    private readonly Dictionary<string, (string Name, long Length, Func<Stream> Open)> _files = new(StringComparer.Ordinal);

    public static AttachmentFiles FromZip(ZipArchive archive)
    {
        var files = new AttachmentFiles();
        foreach (var entry in archive.Entries)
        {
            if (entry.Length > 0 && !entry.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                files.Add(entry.Name, entry.Length, entry.Open);
            }
        }

        return files;
    }

    public static AttachmentFiles FromDirectory(string directory)
    {
        var files = new AttachmentFiles();
        foreach (var file in Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 4, IgnoreInaccessible = true }))
        {
            if (!file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                files.Add(Path.GetFileName(file), new FileInfo(file).Length, () => File.OpenRead(file));
            }
        }

        return files;
    }

    public int Count => _files.Count;

    /// <summary>Gives every attachment that points at a file here its bytes, within the conversation's byte budget.</summary>
    public Conversation Resolve(Conversation conversation, ImportContext context)
    {
        if (_files.Count == 0)
        {
            return conversation;
        }

        var budget = context.Options.MaxAttachmentBytes;
        var changed = false;
        var messages = conversation.Messages.ToArray();
        for (var m = 0; m < messages.Length; m++)
        {
            if (!messages[m].Parts.Any(static p => p is AttachmentPart { Data: null }))
            {
                continue; // most messages: nothing to read, nothing to copy
            }

            var parts = messages[m].Parts.ToArray();
            var partsChanged = false;
            for (var p = 0; p < parts.Length; p++)
            {
                if (parts[p] is AttachmentPart { Data: null } attachment && Find(attachment) is { } file)
                {
                    if (file.Length > budget)
                    {
                        context.Warn(string.Create(CultureInfo.InvariantCulture, $"The attachment \"{file.Name}\" of message \"{messages[m].Id}\" ({file.Length:N0} bytes) is over what is left of the {context.Options.MaxAttachmentBytes:N0}-byte limit per conversation (ImportOptions.MaxAttachmentBytes); it is kept as a reference"));
                        continue;
                    }

                    byte[] data;
                    try
                    {
                        data = Read(file);
                    }
                    catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
                    {
                        context.Warn($"The attachment \"{file.Name}\" of message \"{messages[m].Id}\" cannot be read ({ex.Message}); it is kept as a reference");
                        continue;
                    }

                    budget -= data.Length;
                    parts[p] = attachment with
                    {
                        Name = attachment.Name is null || attachment.Name.Contains("://", StringComparison.Ordinal) ? file.Name : attachment.Name,
                        MediaType = AttachmentBytes.Sniff(data),
                        Data = data,
                    };
                    partsChanged = true;
                }
            }

            if (partsChanged)
            {
                messages[m] = messages[m] with { Parts = parts };
                changed = true;
            }
        }

        return changed ? conversation with { Messages = messages } : conversation;
    }

    private void Add(string name, long length, Func<Stream> open)
    {
        var key = Key(name);
        if (key is not null)
        {
            _files.TryAdd(key, (name, length, open));
        }
    }

    private (string Name, long Length, Func<Stream> Open)? Find(AttachmentPart attachment)
    {
        foreach (var reference in new[] { attachment.Uri?.OriginalString, attachment.Name })
        {
            if (reference is not null && Key(reference[(reference.LastIndexOf('/') + 1)..]) is { } key && _files.TryGetValue(key, out var file))
            {
                return file;
            }
        }

        return null;
    }

    /// <summary>Reads at most the declared length (a ZIP entry may lie about its size; it cannot make this read more).</summary>
    private static byte[] Read((string Name, long Length, Func<Stream> Open) file)
    {
        using var stream = file.Open();
        var data = new byte[file.Length];
        var read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        return read == data.Length ? data : data[..read];
    }

    /// <summary>The id a name starts with (<c>file-AbC12</c>, <c>file_00ab</c>), or <see langword="null"/>.</summary>
    private static string? Key(string name) => FileId().Match(name) is { Success: true } match ? match.Value : null;

    [GeneratedRegex("^file[-_][A-Za-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex FileId();
}
