using System.Buffers.Binary;
using System.Collections.Concurrent;
using AssistantKit.Export.Pdf.Text;
using SkiaSharp;

namespace AssistantKit.Export.Pdf.Layout;

/// <summary>
/// The fonts installed on the machine, searched per character when the bundled and configured fonts lack one. The font
/// directories of Linux, macOS and Windows are listed once per process; a face is opened the first time a search reaches
/// it, and every answer is cached. Faces named as regular sans-serif text faces are tried first (Noto Sans before others),
/// styled variants are only used for bold and italic of a family already chosen.
/// </summary>
internal static class SystemFonts
{
    private static readonly string[] StyleWords = ["Bold", "Italic", "Oblique", "Light", "Thin", "Black", "Medium", "SemiBold", "ExtraBold", "ExtraLight", "Condensed", "Heavy", "Book", "Semi", "Extra", "Narrow", "UI-", "Display"];

    private static readonly Lazy<Entry[]> Faces = new(Scan);
    private static readonly ConcurrentDictionary<(string Cluster, bool Emoji), int> Choices = new();
    private static readonly ConcurrentDictionary<(string Family, string Stem, bool Bold, bool Italic), FontFace?> StyledFaces = new();

    /// <summary>The directories searched, for documentation and tests.</summary>
    public static IEnumerable<string> Directories()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
        {
            yield return Environment.GetFolderPath(Environment.SpecialFolder.Fonts);
            yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "Microsoft", "Windows", "Fonts");
        }
        else if (OperatingSystem.IsMacOS())
        {
            yield return "/System/Library/Fonts";
            yield return "/Library/Fonts";
            yield return Path.Combine(home, "Library", "Fonts");
        }
        else
        {
            yield return "/usr/share/fonts";
            yield return "/usr/local/share/fonts";
            yield return Path.Combine(home, ".local", "share", "fonts");
            yield return Path.Combine(home, ".fonts");
        }
    }

    /// <summary>
    /// The first installed regular face that has every visible character of <paramref name="cluster"/> (a color face first
    /// when <paramref name="emoji"/>), or null. Faces named after the cluster's script come first (Noto Sans Tamil for Tamil,
    /// Noto Sans CJK for Han, kana and Hangul), so that the letters of one word come from one font.
    /// </summary>
    public static FontFace? For(ReadOnlySpan<int> cluster, bool emoji)
    {
        var key = (string.Concat(cluster.ToArray().Select(char.ConvertFromUtf32)), emoji);
        var index = Choices.GetOrAdd(key, static key =>
        {
            var codePoints = key.Cluster.EnumerateRunes().Select(r => r.Value).ToArray();
            var hint = ScriptHint(codePoints);
            var faces = Faces.Value;
            for (var pass = 0; pass < 4; pass++)
            {
                var (named, color) = (pass % 2 == 0, pass < 2);
                if ((color && !key.Emoji) || (named && hint is null))
                {
                    continue;
                }

                for (var i = 0; i < faces.Length; i++)
                {
                    if (faces[i].Primary && (!named || faces[i].Name.Contains(hint!, StringComparison.OrdinalIgnoreCase))
                        && faces[i].Face.Value is { } face && (!color || face.IsColor) && PdfFonts.HasAll(face, codePoints))
                    {
                        return i;
                    }
                }
            }

            return -1;
        });
        return index < 0 ? null : Faces.Value[index].Face.Value;
    }

    /// <summary>The part of font file names that says a script: its Unicode name without underscores, CJK for East Asian scripts.</summary>
    private static string? ScriptHint(ReadOnlySpan<int> cluster)
    {
        foreach (var codePoint in cluster)
        {
            var script = UnicodeTables.Script(codePoint);
            if (script is not ("Common" or "Inherited" or "Unknown"))
            {
                return script is "Han" or "Hiragana" or "Katakana" or "Hangul" or "Bopomofo" ? "CJK" : script.Replace("_", "", StringComparison.Ordinal);
            }
        }

        return null;
    }

    /// <summary>
    /// The installed face of <paramref name="regular"/>'s family in the given style, or null when there is none. Candidates
    /// are the files named like the regular face's (<c>NotoSansArabic-Bold.ttf</c> for <c>NotoSansArabic-Regular.ttf</c>).
    /// </summary>
    public static FontFace? Styled(FontFace regular, bool bold, bool italic)
    {
        var stem = Path.GetFileNameWithoutExtension(regular.Description).Split('-')[0];
        return StyledFaces.GetOrAdd((regular.Typeface.FamilyName, stem, bold, italic), static key =>
        {
            foreach (var entry in Faces.Value.Where(e => !e.Primary && e.Name.StartsWith(key.Stem + "-", StringComparison.OrdinalIgnoreCase)))
            {
                if (entry.Face.Value is { } face && face.Typeface.FamilyName == key.Family
                    && (face.Typeface.FontStyle.Weight >= 600) == key.Bold && face.Typeface.FontStyle.Weight < 800
                    && (face.Typeface.FontStyle.Slant != SKFontStyleSlant.Upright) == key.Italic)
                {
                    return face;
                }
            }

            return null;
        });
    }

    private static Entry[] Scan()
    {
        var files = new List<string>();
        foreach (var directory in Directories().Where(Directory.Exists))
        {
            try
            {
                files.AddRange(Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 8 })
                    .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".ttf" or ".otf" or ".ttc" or ".otc"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // an unreadable directory has no fonts for us
            }
        }

        var entries = new List<Entry>();
        foreach (var file in files.Distinct(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var primary = !StyleWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)) || name.EndsWith("-Regular", StringComparison.OrdinalIgnoreCase);
            for (var index = 0; index < FaceCount(file); index++)
            {
                var (path, i) = (file, index);
                entries.Add(new Entry(name, primary, Rank(name), new Lazy<FontFace?>(() => Open(path, i))));
            }
        }

        return [.. entries.OrderBy(e => e.Rank).ThenBy(e => e.Name, StringComparer.Ordinal)];
    }

    /// <summary>Lower first: Noto Sans, other Noto faces, other sans-serif faces, then serif and monospaced faces of each.</summary>
    private static int Rank(string name)
    {
        var rank = name.Contains("Noto", StringComparison.OrdinalIgnoreCase) ? 0 : 8;
        rank += name.Contains("Sans", StringComparison.OrdinalIgnoreCase) ? 0 : 4;
        rank += name.Contains("Serif", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        rank += name.Contains("Mono", StringComparison.OrdinalIgnoreCase) ? 2 : 0;
        return rank;
    }

    private static int FaceCount(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            Span<byte> header = stackalloc byte[12];
            if (stream.Read(header) < 12)
            {
                return 0;
            }

            return BinaryPrimitives.ReadUInt32BigEndian(header) == 0x74746366 ? (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(header[8..]), 64) : 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static FontFace? Open(string path, int index)
    {
        try
        {
            return FontFace.FromFile(path, index);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }

    private sealed record Entry(string Name, bool Primary, int Rank, Lazy<FontFace?> Face);
}
