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
    private static readonly Lazy<SKTypeface[]> Bundled = new(() =>
    [
        Load("DejaVuSans.ttf"),
        Load("DejaVuSans-Bold.ttf"),
        Load("DejaVuSans-Oblique.ttf"),
        Load("DejaVuSans-BoldOblique.ttf"),
        Load("DejaVuSansMono.ttf"),
        Load("DejaVuSansMono-Bold.ttf"),
    ]);

    private static readonly ConcurrentDictionary<(string, int), SKTypeface?> FallbackCache = new();

    private readonly SKTypeface[] _faces = Bundled.Value;
    private readonly SKTypeface[] _fallbacks;
    private readonly Dictionary<(int Rune, FaceKind Kind), SKTypeface?> _choices = [];

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

        face = _faces[(int)kind].ContainsGlyph(rune.Value)
            ? _faces[(int)kind]
            : _faces[0].ContainsGlyph(rune.Value) ? _faces[0] : _fallbacks.FirstOrDefault(f => f.ContainsGlyph(rune.Value));
        if (face is null)
        {
            Missing.Add(rune.Value);
        }

        _choices[(rune.Value, kind)] = face;
        return face;
    }

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream("AssistantKit.Export.Pdf.Fonts." + file)
            ?? throw new InvalidOperationException($"The bundled font {file} is missing from the assembly.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The bundled font {file} could not be read.");
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
