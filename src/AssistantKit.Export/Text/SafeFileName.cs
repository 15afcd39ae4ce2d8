using System.Buffers;
using System.Text;

namespace AssistantKit.Export.Text;

/// <summary>Turns untrusted text (a conversation title) into a file name that is valid and harmless on Windows, macOS and Linux.</summary>
public static class SafeFileName
{
    /// <summary>The longest name produced, in UTF-8 bytes, extension included (Linux and macOS allow 255).</summary>
    public const int MaxBytes = 200;

    private static readonly SearchValues<char> Forbidden = SearchValues.Create("<>:\"/\\|?*");

    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    /// <summary>
    /// Returns <paramref name="name"/> as a safe file name with <paramref name="extension"/>: path separators, characters
    /// Windows forbids and control characters become <c>_</c>; leading and trailing dots and spaces go; reserved device
    /// names (<c>CON</c>, <c>NUL</c>, <c>COM1</c> …) get a leading <c>_</c>; the result is at most <see cref="MaxBytes"/>
    /// UTF-8 bytes; an empty name becomes <paramref name="fallback"/>.
    /// </summary>
    /// <param name="name">The untrusted name, without extension.</param>
    /// <param name="extension">The extension without the dot, or empty.</param>
    /// <param name="fallback">The name to use when nothing is left.</param>
    /// <returns>The safe file name.</returns>
    public static string Create(string? name, string extension, string fallback = "conversation")
    {
        ArgumentNullException.ThrowIfNull(extension);
        var builder = new StringBuilder(name?.Length ?? 0);
        foreach (var rune in (name ?? "").Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            var replace = rune.Value < 0x20 || rune.Value == 0x7F || (rune.IsBmp && Forbidden.Contains((char)rune.Value))
                || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator;
            if (replace)
            {
                builder.Append('_');
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        var suffix = extension.Length == 0 ? "" : "." + extension;
        var stem = Collapse(builder.ToString()).Trim(' ', '.', '_');
        stem = Truncate(stem, MaxBytes - Encoding.UTF8.GetByteCount(suffix)).TrimEnd(' ', '.');
        if (stem.Length == 0)
        {
            stem = fallback;
        }

        var dot = stem.IndexOf('.', StringComparison.Ordinal);
        if (ReservedNames.Contains(dot < 0 ? stem : stem[..dot]))
        {
            stem = "_" + stem;
        }

        return stem + suffix;
    }

    /// <summary>
    /// Returns <paramref name="fileName"/>, or the first of <c>name (2).ext</c>, <c>name (3).ext</c> … that is not taken:
    /// the one rule for names in a directory and in an archive.
    /// </summary>
    /// <param name="fileName">The wanted name.</param>
    /// <param name="isTaken">Whether a name is already used (a file exists, an archive entry was added).</param>
    /// <returns>A name that is not taken.</returns>
    public static string MakeUnique(string fileName, Func<string, bool> isTaken)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(isTaken);
        var name = fileName;
        for (var n = 2; isTaken(name); n++)
        {
            name = $"{Path.GetFileNameWithoutExtension(fileName)} ({n}){Path.GetExtension(fileName)}";
        }

        return name;
    }

    private static string Collapse(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var isSpace = char.IsWhiteSpace(c);
            if (!(isSpace && builder.Length > 0 && builder[^1] == ' '))
            {
                builder.Append(isSpace ? ' ' : c);
            }
        }

        return builder.ToString();
    }

    private static string Truncate(string value, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(value) <= maxBytes)
        {
            return value;
        }

        var bytes = 0;
        var length = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > maxBytes)
            {
                break;
            }

            length += rune.Utf16SequenceLength;
        }

        return value[..length];
    }
}
