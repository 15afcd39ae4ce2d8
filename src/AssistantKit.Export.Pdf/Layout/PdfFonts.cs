using System.Collections.Concurrent;
using AssistantKit.Export.Pdf.Text;
using SkiaSharp;

namespace AssistantKit.Export.Pdf.Layout;

/// <summary>The faces a text can be set in.</summary>
internal enum FaceKind
{
    Regular,
    Bold,
    Italic,
    BoldItalic,
    Mono,
    MonoBold,
}

/// <summary>
/// The fonts of one export and the choice among them per grapheme cluster: the bundled DejaVu face of the wanted kind, then
/// DejaVu Sans, then the host's fallback fonts in order, then (unless turned off) the fonts installed on the machine. Emoji
/// clusters try color fonts first. A face chosen for bold or italic that lacks the style uses its family's styled face when
/// installed, else synthesizes it. Also collects the glyphs used, for font subsetting, and the characters no font has.
/// </summary>
internal sealed class PdfFonts
{
    private static readonly string[] BundledFiles = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf", "DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"];

    private static readonly Lazy<FontFace[]> Bundled = new(() => [.. BundledFiles.Select(Load)]);

    private static readonly ConcurrentDictionary<(string, int), FontFace?> FallbackCache = new();

    private readonly FontFace[] _faces = Bundled.Value;
    private readonly FontFace[] _fallbacks;
    private readonly bool _systemFonts;
    private readonly Dictionary<(int CodePoint, string? Cluster, FaceKind Kind, bool Emoji), FontFace?> _choices = [];
    private readonly Dictionary<(FontFace Face, FaceKind Kind), FontFace> _styled = [];
    private readonly Dictionary<SKTypeface, (FontFace Face, HashSet<ushort> Glyphs)> _used = [];
    private readonly HashSet<ShapedText> _noted = new(ReferenceEqualityComparer.Instance);
    private bool _subsetsCreated;

    public PdfFonts(IEnumerable<PdfFontSource> fallbacks, bool systemFonts, Action<string> warn)
    {
        _fallbacks = [.. fallbacks.Select(source => LoadFallback(source, warn)).OfType<FontFace>()];
        _systemFonts = systemFonts;
    }

    /// <summary>Gets the characters no font could draw.</summary>
    public SortedSet<int> Missing { get; } = [];

    public FontFace Face(FaceKind kind) => _faces[(int)kind];

    /// <summary>
    /// The face that draws a grapheme cluster in <paramref name="kind"/>: the first that has all its visible characters, else
    /// the first that has its first character (its marks then show as missing glyphs), else null.
    /// </summary>
    /// <param name="cluster">The cluster's code points.</param>
    /// <param name="kind">The wanted kind.</param>
    public FontFace? For(ReadOnlySpan<int> cluster, FaceKind kind)
    {
        if (cluster.Length == 1 && cluster[0] < 0x250 && kind is not (FaceKind.Mono or FaceKind.MonoBold))
        {
            return _faces[(int)kind]; // Latin: always in DejaVu Sans, never emoji
        }

        var emoji = IsEmoji(cluster);
        var key = (cluster.Length == 1 ? cluster[0] : -1, cluster.Length == 1 ? null : string.Concat(cluster.ToArray().Select(char.ConvertFromUtf32)), kind, emoji);
        if (!_choices.TryGetValue(key, out var face))
        {
            var codePoints = cluster.ToArray();
            var chosen = Candidates(kind, emoji, codePoints).FirstOrDefault(f => HasAll(f, codePoints))
                ?? Candidates(kind, emoji, codePoints).FirstOrDefault(f => f.Has(codePoints[0]));
            face = chosen is null ? null : Styled(chosen, kind);
            if (face is null)
            {
                Missing.Add(cluster[0]);
            }

            _choices[key] = face;
        }

        return face;
    }

    /// <summary>Notes the glyphs drawn with <paramref name="face"/>, for <see cref="CreateSubsets"/>.</summary>
    public void Use(FontFace face, ShapedText shaped)
    {
        if (_subsetsCreated || !_noted.Add(shaped))
        {
            return; // the drawing pass lays out the same text again, and shaped words repeat: nothing new to note
        }

        var glyphs = shaped.Glyphs;
        if (!_used.TryGetValue(face.Typeface, out var used))
        {
            _used[face.Typeface] = used = (face, []);
        }

        foreach (var glyph in glyphs)
        {
            used.Glyphs.Add(glyph);
        }
    }

    /// <summary>Adds the glyphs and missing characters another instance (another layout thread) noted.</summary>
    public void Merge(PdfFonts other)
    {
        foreach (var (typeface, (face, glyphs)) in other._used)
        {
            if (!_used.TryGetValue(typeface, out var used))
            {
                _used[typeface] = used = (face, []);
            }

            used.Glyphs.UnionWith(glyphs);
        }

        Missing.UnionWith(other.Missing);
    }

    /// <summary>Stops noting glyphs: the drawing pass lays out the same text again.</summary>
    public void StopNoting() => _subsetsCreated = true;

    /// <summary>For each TrueType face used so far, a copy holding only the glyphs used (same ids and metrics), to embed instead.</summary>
    public Dictionary<SKTypeface, SKTypeface> CreateSubsets()
    {
        _subsetsCreated = true;
        var subsets = new Dictionary<SKTypeface, SKTypeface>();
        foreach (var (typeface, (face, glyphs)) in _used)
        {
            if (!face.HasOutlines || face.Data() is not ({ } data, var index))
            {
                continue; // CFF and bitmap fonts: Skia draws their glyphs itself
            }

            var subset = FontSubsetter.Subset(data, glyphs, index);
            if (!ReferenceEquals(subset, data) && SKTypeface.FromData(SKData.CreateCopy(subset)) is { } small)
            {
                subsets[typeface] = small;
            }
        }

        return subsets;
    }

    /// <summary>Whether a cluster is drawn as emoji: emoji presentation by default or by U+FE0F, keycaps, flags.</summary>
    public static bool IsEmoji(ReadOnlySpan<int> cluster)
    {
        var first = UnicodeTables.Grapheme(cluster[0]);
        if (cluster.Contains(0xFE0E))
        {
            return false;
        }

        return (first & UnicodeTables.EmojiPresentation) != 0 || cluster.Contains(0xFE0F) || cluster.Contains(0x20E3)
            || (first & 0x3F) == (int)GraphemeClass.RegionalIndicator;
    }

    /// <summary>The faces tried, in order.</summary>
    private IEnumerable<FontFace> Candidates(FaceKind kind, bool emoji, int[] cluster)
    {
        if (emoji)
        {
            foreach (var color in _fallbacks.Where(f => f.IsColor))
            {
                yield return color;
            }

            if (_systemFonts && SystemFonts.For(cluster, emoji: true) is { IsColor: true } system)
            {
                yield return system;
            }
        }

        yield return _faces[(int)kind];
        yield return _faces[kind is FaceKind.Mono or FaceKind.MonoBold ? (int)FaceKind.Mono : (int)FaceKind.Regular];
        yield return _faces[(int)FaceKind.Regular];
        foreach (var fallback in _fallbacks)
        {
            yield return fallback;
        }

        if (_systemFonts && SystemFonts.For(cluster, emoji: false) is { } installed)
        {
            yield return installed;
        }
    }

    /// <summary>A face outside the bundled ones, in the kind's style: the family's styled face, else synthesized.</summary>
    private FontFace Styled(FontFace face, FaceKind kind)
    {
        var bold = kind is FaceKind.Bold or FaceKind.BoldItalic or FaceKind.MonoBold;
        var italic = kind is FaceKind.Italic or FaceKind.BoldItalic;
        if (Array.IndexOf(_faces, face) >= 0 || face.IsColor || (!bold && !italic))
        {
            return face;
        }

        if (!_styled.TryGetValue((face, kind), out var styled))
        {
            var installed = _systemFonts ? SystemFonts.Styled(face, bold, italic) : null;
            _styled[(face, kind)] = styled = installed ?? face.Synthesized(bold, italic);
        }

        return styled;
    }

    public static bool HasAll(FontFace face, ReadOnlySpan<int> cluster)
    {
        foreach (var codePoint in cluster)
        {
            if (!face.Has(codePoint) && !IsInvisible(codePoint))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Joiners and variation selectors: a font need not have glyphs for them.</summary>
    private static bool IsInvisible(int codePoint) => codePoint is 0x200C or 0x200D or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF) or (>= 0xE0020 and <= 0xE007F);

    private static FontFace Load(string file)
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream("AssistantKit.Export.Pdf.Fonts." + file)
            ?? throw new InvalidOperationException($"The bundled font {file} is missing from the assembly.");
        var data = new byte[stream.Length];
        stream.ReadExactly(data);
        return FontFace.FromData(data, 0, file) ?? throw new InvalidOperationException($"The bundled font {file} could not be read.");
    }

    private static FontFace? LoadFallback(PdfFontSource source, Action<string> warn)
    {
        var face = FallbackCache.GetOrAdd((source.Description, source.Index), static (_, s) =>
        {
            try
            {
                if (s.Path is { } path)
                {
                    return FontFace.FromFile(path, s.Index);
                }

                using var stream = s.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return FontFace.FromData(copy.ToArray(), s.Index, s.Description);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }, source);
        if (face is null)
        {
            warn($"The fallback font '{source.Description}' could not be read; it is skipped.");
        }

        return face;
    }
}
