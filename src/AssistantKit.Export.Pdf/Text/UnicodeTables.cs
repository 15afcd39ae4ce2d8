namespace AssistantKit.Export.Pdf.Text;

/// <summary>
/// Lookups in the generated Unicode tables (<c>UnicodeTables.g.cs</c>): a byte per code point for the Basic Multilingual
/// Plane, built once, and a binary search of the ranges above it.
/// </summary>
internal static partial class UnicodeTables
{
    /// <summary>The Line_Break value bit set for East_Asian_Width F, W or H (UAX #14 LB30).</summary>
    public const int EastAsian = 0x40;

    /// <summary>The Line_Break value bit set for unassigned Extended_Pictographic code points (UAX #14 LB30b).</summary>
    public const int PictographicUnassigned = 0x80;

    /// <summary>The Grapheme_Cluster_Break value bit set for Extended_Pictographic (UAX #29 GB11).</summary>
    public const int Pictographic = 0x80;

    /// <summary>The Grapheme_Cluster_Break value bit set for Emoji_Presentation (drawn as emoji by default).</summary>
    public const int EmojiPresentation = 0x40;

    private static readonly byte[] BidiPlane0 = Expand(BidiStarts, BidiValues);
    private static readonly byte[] LineBreakPlane0 = Expand(LineBreakStarts, LineBreakValues);
    private static readonly byte[] GraphemePlane0 = Expand(GraphemeStarts, GraphemeValues);

    public static BidiClass Bidi(int codePoint) => (BidiClass)Lookup(codePoint, BidiPlane0, BidiStarts, BidiValues);

    /// <summary>The Line_Break class (LB1 resolved: AI, SG, XX as AL; SA as CM or AL; CJ as NS) with the flag bits above.</summary>
    public static int LineBreak(int codePoint) => Lookup(codePoint, LineBreakPlane0, LineBreakStarts, LineBreakValues);

    /// <summary>The Grapheme_Cluster_Break class with the <see cref="Pictographic"/> and <see cref="EmojiPresentation"/> bits.</summary>
    public static int Grapheme(int codePoint) => Lookup(codePoint, GraphemePlane0, GraphemeStarts, GraphemeValues);

    /// <summary>The Script property value's name (Common and Inherited for characters shared by scripts).</summary>
    public static string Script(int codePoint)
    {
        var index = ScriptStarts.BinarySearch(codePoint);
        return ScriptNames[ScriptValues[index >= 0 ? index : ~index - 1]];
    }

    /// <summary>The closing bracket paired with <paramref name="codePoint"/>, or -1 when it is not an opening bracket.</summary>
    public static int ClosingBracket(int codePoint)
    {
        var pairs = BracketPairs;
        for (var i = 0; i < pairs.Length; i += 2)
        {
            if (pairs[i] == codePoint)
            {
                return pairs[i + 1];
            }
        }

        return -1;
    }

    /// <summary>Whether <paramref name="codePoint"/> is a closing bracket (Bidi_Paired_Bracket_Type Close).</summary>
    public static bool IsClosingBracket(int codePoint)
    {
        var pairs = BracketPairs;
        for (var i = 1; i < pairs.Length; i += 2)
        {
            if (pairs[i] == codePoint)
            {
                return true;
            }
        }

        return false;
    }

    private static int Lookup(int codePoint, byte[] plane0, ReadOnlySpan<int> starts, ReadOnlySpan<byte> values)
    {
        if ((uint)codePoint < 0x10000)
        {
            return plane0[codePoint];
        }

        var index = starts.BinarySearch(codePoint);
        return values[index >= 0 ? index : ~index - 1];
    }

    private static byte[] Expand(ReadOnlySpan<int> starts, ReadOnlySpan<byte> values)
    {
        var plane = new byte[0x10000];
        for (var i = 0; i < starts.Length && starts[i] < 0x10000; i++)
        {
            var end = i + 1 < starts.Length ? Math.Min(starts[i + 1], 0x10000) : 0x10000;
            plane.AsSpan(starts[i], end - starts[i]).Fill(values[i]);
        }

        return plane;
    }
}
