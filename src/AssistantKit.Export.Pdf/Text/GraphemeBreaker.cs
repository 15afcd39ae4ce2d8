namespace AssistantKit.Export.Pdf.Text;

/// <summary>Extended grapheme cluster boundaries (UAX #29, rules GB3–GB13): what a reader sees as one character.</summary>
internal static class GraphemeBreaker
{
    /// <summary>Whether there is a boundary between <paramref name="codePoints"/>[<paramref name="index"/> - 1] and [<paramref name="index"/>].</summary>
    /// <param name="codePoints">The text as code points.</param>
    /// <param name="index">A position from 1 to the length - 1.</param>
    /// <returns>Whether a cluster starts at <paramref name="index"/>.</returns>
    public static bool IsBoundary(ReadOnlySpan<int> codePoints, int index)
    {
        var (first, second) = (codePoints[index - 1], codePoints[index]);
        if (first < 0x300 && second < 0x300)
        {
            return first != '\r' || second != '\n'; // below the combining marks every character is its own cluster (GB3–GB5, GB999)
        }

        var before = UnicodeTables.Grapheme(codePoints[index - 1]);
        var after = UnicodeTables.Grapheme(codePoints[index]);
        var a = (GraphemeClass)(before & 0x3F);
        var b = (GraphemeClass)(after & 0x3F);
        switch (a, b)
        {
            case (GraphemeClass.CR, GraphemeClass.LF):
                return false; // GB3
            case (GraphemeClass.CR or GraphemeClass.LF or GraphemeClass.Control, _):
            case (_, GraphemeClass.CR or GraphemeClass.LF or GraphemeClass.Control):
                return true; // GB4, GB5
            case (GraphemeClass.L, GraphemeClass.L or GraphemeClass.V or GraphemeClass.LV or GraphemeClass.LVT):
            case (GraphemeClass.LV or GraphemeClass.V, GraphemeClass.V or GraphemeClass.T):
            case (GraphemeClass.LVT or GraphemeClass.T, GraphemeClass.T):
                return false; // GB6–GB8
            case (_, GraphemeClass.Extend or GraphemeClass.ZWJ or GraphemeClass.SpacingMark):
            case (GraphemeClass.Prepend, _):
                return false; // GB9–GB9b
            case (GraphemeClass.ZWJ, _) when (after & UnicodeTables.Pictographic) != 0:
                // GB11: ExtPict Extend* ZWJ × ExtPict
                var i = index - 2;
                while (i >= 0 && (GraphemeClass)(UnicodeTables.Grapheme(codePoints[i]) & 0x3F) == GraphemeClass.Extend)
                {
                    i--;
                }

                return i < 0 || (UnicodeTables.Grapheme(codePoints[i]) & UnicodeTables.Pictographic) == 0;
            case (GraphemeClass.RegionalIndicator, GraphemeClass.RegionalIndicator):
                // GB12, GB13: regional indicators pair up (flags)
                var count = 0;
                for (var j = index - 1; j >= 0 && (GraphemeClass)(UnicodeTables.Grapheme(codePoints[j]) & 0x3F) == GraphemeClass.RegionalIndicator; j--)
                {
                    count++;
                }

                return count % 2 == 0;
            default:
                return true; // GB999
        }
    }
}
