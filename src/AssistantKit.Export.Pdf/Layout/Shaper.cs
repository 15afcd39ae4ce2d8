using HarfBuzzSharp;

namespace AssistantKit.Export.Pdf.Layout;

/// <summary>Glyphs of a shaped text in font units: ids, advances, offsets, and the UTF-16 index each glyph comes from.</summary>
internal sealed class ShapedText(ushort[] glyphs, int[] advances, int[] offsetsX, int[] offsetsY, int[] clusters)
{
    public ushort[] Glyphs { get; } = glyphs;

    public int[] Advances { get; } = advances;

    public int[] OffsetsX { get; } = offsetsX;

    public int[] OffsetsY { get; } = offsetsY;

    public int[] Clusters { get; } = clusters;

    public int Width { get; } = advances.Sum();

    /// <summary>Shaped texts one after the other, as one: the clusters of each count from where its text starts in the joined text.</summary>
    public static ShapedText Concat(ReadOnlySpan<(ShapedText Shaped, int TextOffset)> parts)
    {
        var count = 0;
        foreach (var (shaped, _) in parts)
        {
            count += shaped.Glyphs.Length;
        }

        var (glyphs, advances, offsetsX, offsetsY, clusters) = (new ushort[count], new int[count], new int[count], new int[count], new int[count]);
        var at = 0;
        foreach (var (shaped, textOffset) in parts)
        {
            var n = shaped.Glyphs.Length;
            shaped.Glyphs.CopyTo(glyphs, at);
            shaped.Advances.CopyTo(advances, at);
            shaped.OffsetsX.CopyTo(offsetsX, at);
            shaped.OffsetsY.CopyTo(offsetsY, at);
            for (var i = 0; i < n; i++)
            {
                clusters[at + i] = shaped.Clusters[i] + textOffset;
            }

            at += n;
        }

        return new ShapedText(glyphs, advances, offsetsX, offsetsY, clusters);
    }
}

/// <summary>
/// Shapes text with HarfBuzz (joining, ligatures, reordering, marks, kerning), one face and one direction at a time, and
/// caches what it shaped: documents repeat their words. One instance per export; the cache is cleared when it is full.
/// </summary>
internal sealed class Shaper : IDisposable
{
    private const int MaxCached = 50_000;
    private const int MaxCachedLength = 64;

    private readonly HarfBuzzSharp.Buffer _buffer = new();
    private readonly Dictionary<Key, ShapedText> _cache = new(KeyComparer.Instance);

    /// <summary>Shapes <paramref name="text"/>; a text shaped before is looked up without copying it.</summary>
    public ShapedText Shape(FontFace face, ReadOnlyMemory<char> text, bool rightToLeft)
    {
        var lookup = _cache.GetAlternateLookup<SpanKey>();
        if (lookup.TryGetValue(new SpanKey(face.Shaper, text.Span, rightToLeft), out var shaped))
        {
            return shaped;
        }

        _buffer.ClearContents();
        _buffer.AddUtf16(text.Span);
        _buffer.Direction = rightToLeft ? Direction.RightToLeft : Direction.LeftToRight;
        _buffer.GuessSegmentProperties();
        face.Shaper.Shape(_buffer);
        var infos = _buffer.GetGlyphInfoSpan();
        var positions = _buffer.GetGlyphPositionSpan();
        var n = infos.Length;
        var glyphs = new ushort[n];
        var advances = new int[n];
        var offsetsX = new int[n];
        var offsetsY = new int[n];
        var clusters = new int[n];
        for (var i = 0; i < n; i++)
        {
            glyphs[i] = (ushort)infos[i].Codepoint;
            clusters[i] = (int)infos[i].Cluster;
            advances[i] = positions[i].XAdvance;
            offsetsX[i] = positions[i].XOffset;
            offsetsY[i] = Math.Clamp(positions[i].YOffset, -2 * face.UnitsPerEm, 2 * face.UnitsPerEm); // stacked marks stay near their line
        }

        shaped = new ShapedText(glyphs, advances, offsetsX, offsetsY, clusters);
        if (text.Length <= MaxCachedLength)
        {
            if (_cache.Count >= MaxCached)
            {
                _cache.Clear();
            }

            _cache[new Key(face.Shaper, text.ToString(), rightToLeft)] = shaped;
        }

        return shaped;
    }

    public void Dispose() => _buffer.Dispose();

    private readonly record struct Key(HarfBuzzSharp.Font Font, string Text, bool RightToLeft);

    private readonly ref struct SpanKey(HarfBuzzSharp.Font font, ReadOnlySpan<char> text, bool rightToLeft)
    {
        public HarfBuzzSharp.Font Font { get; } = font;

        public ReadOnlySpan<char> Text { get; } = text;

        public bool RightToLeft { get; } = rightToLeft;
    }

    /// <summary>Compares keys by font (reference), text (ordinal) and direction; looks them up by a span of text too.</summary>
    private sealed class KeyComparer : IEqualityComparer<Key>, IAlternateEqualityComparer<SpanKey, Key>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(Key x, Key y) => ReferenceEquals(x.Font, y.Font) && x.RightToLeft == y.RightToLeft && string.Equals(x.Text, y.Text, StringComparison.Ordinal);

        public int GetHashCode(Key obj) => Hash(obj.Font, obj.Text, obj.RightToLeft);

        public bool Equals(SpanKey alternate, Key other) => ReferenceEquals(alternate.Font, other.Font) && alternate.RightToLeft == other.RightToLeft && alternate.Text.SequenceEqual(other.Text);

        public int GetHashCode(SpanKey alternate) => Hash(alternate.Font, alternate.Text, alternate.RightToLeft);

        public Key Create(SpanKey alternate) => new(alternate.Font, alternate.Text.ToString(), alternate.RightToLeft);

        private static int Hash(HarfBuzzSharp.Font font, ReadOnlySpan<char> text, bool rightToLeft) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(font), string.GetHashCode(text, StringComparison.Ordinal), rightToLeft);
    }
}
