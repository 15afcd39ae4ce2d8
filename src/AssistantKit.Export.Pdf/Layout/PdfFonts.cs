using System.Collections.Concurrent;
using System.Text;
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
/// The bundled DejaVu faces (loaded once per process; typefaces are immutable) plus the host's fallback chain, and the
/// per-character choice among them. One instance per export: it caches choices and collects characters no font has.
/// </summary>
internal sealed class PdfFonts
{
    private static readonly string[] BundledFiles = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf", "DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"];

    private static readonly Lazy<(SKTypeface Face, byte[] Data)[]> Bundled = new(() => [.. BundledFiles.Select(Load)]);

    private static readonly ConcurrentDictionary<(string, int), SKTypeface?> FallbackCache = new();

    private readonly SKTypeface[] _faces = [.. Bundled.Value.Select(b => b.Face)];
    private readonly Dictionary<SKTypeface, HashSet<int>> _used = [];
    private readonly SKTypeface[] _fallbacks;
    private readonly Dictionary<(int Rune, FaceKind Kind), SKTypeface?> _choices = [];
    private readonly Dictionary<SKTypeface, SKFont> _probes = [];
    private bool _subsetsCreated;

    public PdfFonts(IEnumerable<PdfFontSource> fallbacks, Action<string> warn)
    {
        _fallbacks = [.. fallbacks.Select(source => LoadFallback(source, warn)).OfType<SKTypeface>()];
    }

    /// <summary>Gets the characters no font could draw, in first-seen order.</summary>
    public SortedSet<int> Missing { get; } = [];

    public SKTypeface Face(FaceKind kind) => _faces[(int)kind];

    /// <summary>The face that draws <paramref name="rune"/> in <paramref name="kind"/>: the kind's own, else the first fallback that has it, else null.</summary>
    public SKTypeface? For(Rune rune, FaceKind kind)
    {
        if (rune.Value < 0x250 && kind != FaceKind.Mono && kind != FaceKind.MonoBold)
        {
            return _faces[(int)kind]; // Latin: always in DejaVu Sans
        }

        if (_choices.TryGetValue((rune.Value, kind), out var face))
        {
            return face;
        }

        face = Has(_faces[(int)kind], rune)
            ? _faces[(int)kind]
            : Has(_faces[0], rune) ? _faces[0] : _fallbacks.FirstOrDefault(f => Has(f, rune));
        if (face is null)
        {
            Missing.Add(rune.Value);
        }

        _choices[(rune.Value, kind)] = face;
        return face;
    }

    private bool Has(SKTypeface face, Rune rune)
    {
        if (!_probes.TryGetValue(face, out var font))
        {
            _probes[face] = font = new SKFont(face);
        }

        return font.ContainsGlyph(rune.Value);
    }

    /// <summary>Notes that <paramref name="text"/> is set in <paramref name="face"/>, for <see cref="CreateSubsets"/>.</summary>
    public void Use(SKTypeface face, string text)
    {
        if (_subsetsCreated)
        {
            return; // the drawing pass lays out the same text again: nothing new to note
        }

        if (!_used.TryGetValue(face, out var runes))
        {
            _used[face] = runes = [];
        }

        foreach (var rune in text.EnumerateRunes())
        {
            runes.Add(rune.Value);
        }
    }

    /// <summary>For each face used so far, a copy holding only the glyphs used (same ids and metrics), to embed instead.</summary>
    public Dictionary<SKTypeface, SKTypeface> CreateSubsets()
    {
        _subsetsCreated = true;
        var subsets = new Dictionary<SKTypeface, SKTypeface>();
        foreach (var (face, runes) in _used)
        {
            var (data, index) = Array.IndexOf(_faces, face) is var bundled and >= 0 ? (Bundled.Value[bundled].Data, 0) : ReadAll(face);
            if (data is null)
            {
                continue;
            }

            var text = string.Concat(runes.Select(r => new Rune(r).ToString()));
            var probe = _probes.TryGetValue(face, out var font) ? font : _probes[face] = new SKFont(face);
            var subset = FontSubsetter.Subset(data, probe.GetGlyphs(text), index);
            if (!ReferenceEquals(subset, data) && SKTypeface.FromData(SKData.CreateCopy(subset)) is { } small)
            {
                subsets[face] = small;
            }
        }

        return subsets;
    }

    private static (byte[]? Data, int Index) ReadAll(SKTypeface face)
    {
        using var stream = face.OpenStream(out var index);
        if (stream is null || !stream.HasLength)
        {
            return (null, 0);
        }

        var data = new byte[stream.Length];
        return (stream.Read(data, data.Length) == data.Length ? data : null, index);
    }

    private static (SKTypeface, byte[]) Load(string file)
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream("AssistantKit.Export.Pdf.Fonts." + file)
            ?? throw new InvalidOperationException($"The bundled font {file} is missing from the assembly.");
        var data = new byte[stream.Length];
        stream.ReadExactly(data);
        var face = SKTypeface.FromData(SKData.CreateCopy(data)) ?? throw new InvalidOperationException($"The bundled font {file} could not be read.");
        return (face, data);
    }

    private static SKTypeface? LoadFallback(PdfFontSource source, Action<string> warn)
    {
        var face = FallbackCache.GetOrAdd((source.Description, source.Index), static (_, s) =>
        {
            try
            {
                using var stream = s.Open();
                using var data = SKData.Create(stream);
                return data is null ? null : SKTypeface.FromData(data, s.Index);
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
