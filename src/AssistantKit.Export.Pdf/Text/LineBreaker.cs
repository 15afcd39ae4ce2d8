using System.Buffers;
using System.Runtime.InteropServices;
using static AssistantKit.Export.Pdf.Text.LineBreakClass;

namespace AssistantKit.Export.Pdf.Text;

/// <summary>What may happen at a position of the text.</summary>
internal enum BreakKind : byte
{
    /// <summary>The line must not break here.</summary>
    None,

    /// <summary>The line may break here.</summary>
    Allowed,

    /// <summary>The line must break here (after a hard line break).</summary>
    Mandatory,
}

/// <summary>
/// Line break opportunities by the Unicode Line Breaking Algorithm (UAX #14, rules LB4–LB31, with the numbers tailoring of
/// its example 7, which its conformance test uses). Classes are resolved by LB1 in the generated tables.
/// </summary>
internal static class LineBreaker
{
    /// <summary>Fills <paramref name="breaks"/>[i] with what may happen before <paramref name="codePoints"/>[i]; the last entry is the end.</summary>
    /// <param name="codePoints">The text as code points.</param>
    /// <param name="breaks">Length + 1 entries.</param>
    public static void Find(ReadOnlySpan<int> codePoints, Span<BreakKind> breaks)
    {
        var n = codePoints.Length;
        if (n == 0)
        {
            breaks[0] = BreakKind.None;
            return;
        }

        // Raw classes, and the effective classes after LB9 (X CM* is X) and LB10 (other CM, ZWJ are AL).
        var rented = n <= 256 ? null : ArrayPool<byte>.Shared.Rent(n * 4);
        Span<byte> scratch = rented ?? stackalloc byte[1024];
        var raw = MemoryMarshal.Cast<byte, LineBreakClass>(scratch[..n]);
        var flags = scratch.Slice(n, n);
        var effective = MemoryMarshal.Cast<byte, LineBreakClass>(scratch.Slice(2 * n, n));
        var attached = MemoryMarshal.Cast<byte, bool>(scratch.Slice(3 * n, n));
        attached.Clear();
        for (var i = 0; i < n; i++)
        {
            var value = UnicodeTables.LineBreak(codePoints[i]);
            raw[i] = (LineBreakClass)(value & 0x3F);
            flags[i] = (byte)(value & 0xC0);
            if (raw[i] is CM or ZWJ && i > 0 && raw[i - 1] is not (BK or CR or LF or NL or SP or ZW))
            {
                attached[i] = true;
                effective[i] = effective[i - 1];
                flags[i] = flags[i - 1];
            }
            else
            {
                effective[i] = raw[i] is CM or ZWJ ? AL : raw[i];
            }
        }

        breaks[0] = BreakKind.None; // LB2
        for (var i = 1; i < n; i++)
        {
            breaks[i] = At(raw, effective, flags, attached, i);
        }

        breaks[n] = BreakKind.Mandatory; // LB3
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static BreakKind At(ReadOnlySpan<LineBreakClass> raw, ReadOnlySpan<LineBreakClass> effective, ReadOnlySpan<byte> flags, ReadOnlySpan<bool> attached, int i)
    {
        var a = raw[i - 1];
        var b = raw[i];
        if (a == AL && b == AL)
        {
            return BreakKind.None; // LB28, the most common pair: no earlier rule applies to two letters
        }

        if (a == BK || (a == CR && b != LF) || a is LF or NL)
        {
            return BreakKind.Mandatory; // LB4, LB5
        }

        if (b is BK or CR or LF or NL or SP or ZW || a == CR)
        {
            return BreakKind.None; // LB5–LB7
        }

        var s = i - 1;
        while (s >= 0 && raw[s] == SP)
        {
            s--;
        }

        if (s >= 0 && raw[s] == ZW)
        {
            return BreakKind.Allowed; // LB8
        }

        if (a == ZWJ || attached[i])
        {
            return BreakKind.None; // LB8a, LB9
        }

        // From here on, units: a base with its attached marks. p is the unit before the position.
        var p = Unit(attached, i - 1);
        var A = effective[p];
        var B = effective[i];
        var beforeSpaces = A == SP ? BeforeSpaces(raw, effective, attached, p) : A;

        if (A == WJ || B == WJ || A == GL || (B == GL && A is not (SP or BA or HY)))
        {
            return BreakKind.None; // LB11–LB12a
        }

        if (B is CL or CP or EX or IS or SY)
        {
            return BreakKind.None; // LB13
        }

        if (beforeSpaces == OP || (B == OP && beforeSpaces == QU) || (B == NS && beforeSpaces is CL or CP) || (B == B2 && beforeSpaces == B2))
        {
            return BreakKind.None; // LB14–LB17
        }

        if (A == SP)
        {
            return BreakKind.Allowed; // LB18
        }

        if (A == QU || B == QU)
        {
            return BreakKind.None; // LB19
        }

        if (A == CB || B == CB)
        {
            return BreakKind.Allowed; // LB20
        }

        if (B is BA or HY or NS || A == BB)
        {
            return BreakKind.None; // LB21
        }

        if (A is HY or BA && p > 0 && effective[Unit(attached, p - 1)] == HL)
        {
            return BreakKind.None; // LB21a
        }

        if ((A == SY && B == HL) || B == IN)
        {
            return BreakKind.None; // LB21b, LB22
        }

        if ((A is AL or HL && B == NU) || (A == NU && B is AL or HL))
        {
            return BreakKind.None; // LB23
        }

        if ((A == PR && B is ID or EB or EM) || (A is ID or EB or EM && B == PO))
        {
            return BreakKind.None; // LB23a
        }

        if ((A is PR or PO && B is AL or HL) || (A is AL or HL && B is PR or PO))
        {
            return BreakKind.None; // LB24
        }

        if (Numbers(effective, attached, p, i, A, B))
        {
            return BreakKind.None; // LB25 (example 7)
        }

        if ((A == JL && B is JL or JV or H2 or H3) || (A is JV or H2 && B is JV or JT) || (A is JT or H3 && B == JT))
        {
            return BreakKind.None; // LB26
        }

        if ((A is JL or JV or JT or H2 or H3 && B == PO) || (A == PR && B is JL or JV or JT or H2 or H3))
        {
            return BreakKind.None; // LB27
        }

        if ((A is AL or HL && B is AL or HL) || (A == IS && B is AL or HL))
        {
            return BreakKind.None; // LB28, LB29
        }

        if ((A is AL or HL or NU && B == OP && (flags[i] & UnicodeTables.EastAsian) == 0)
            || (A == CP && (flags[p] & UnicodeTables.EastAsian) == 0 && B is AL or HL or NU))
        {
            return BreakKind.None; // LB30
        }

        if (A == RI && B == RI)
        {
            var count = 0;
            for (var j = p; j >= 0 && effective[j] == RI; j = j > 0 ? Unit(attached, j - 1) : -1)
            {
                count++;
            }

            return count % 2 == 1 ? BreakKind.None : BreakKind.Allowed; // LB30a
        }

        if (B == EM && (A == EB || (flags[p] & UnicodeTables.PictographicUnassigned) != 0))
        {
            return BreakKind.None; // LB30b
        }

        return BreakKind.Allowed; // LB31
    }

    /// <summary>LB25 as tailored by example 7: numbers with their prefixes, suffixes, separators and brackets stay together.</summary>
    private static bool Numbers(ReadOnlySpan<LineBreakClass> effective, ReadOnlySpan<bool> attached, int p, int i, LineBreakClass A, LineBreakClass B)
    {
        if ((A is PR or PO or OP or HY && B == NU) || (A is PR or PO && B is OP or HY && Next(effective, attached, i) == NU))
        {
            return true; // (PR | PO) × (OP | HY)? NU, (OP | HY) × NU
        }

        if (B is NU or SY or IS or CL or CP && HasNumber(effective, attached, p))
        {
            return true; // NU (NU | SY | IS)* × (NU | SY | IS | CL | CP)
        }

        if (B is PO or PR)
        {
            // NU (NU | SY | IS)* (CL | CP)? × (PO | PR)
            var j = effective[p] is CL or CP ? (p > 0 ? Unit(attached, p - 1) : -1) : p;
            return j >= 0 && HasNumber(effective, attached, j);
        }

        return false;
    }

    /// <summary>Whether the run of NU, SY and IS ending at unit <paramref name="j"/> has a NU.</summary>
    private static bool HasNumber(ReadOnlySpan<LineBreakClass> effective, ReadOnlySpan<bool> attached, int j)
    {
        for (; j >= 0 && effective[j] is NU or SY or IS; j = j > 0 ? Unit(attached, j - 1) : -1)
        {
            if (effective[j] == NU)
            {
                return true;
            }
        }

        return false;
    }

    private static LineBreakClass Next(ReadOnlySpan<LineBreakClass> effective, ReadOnlySpan<bool> attached, int i)
    {
        var j = i + 1;
        while (j < effective.Length && attached[j])
        {
            j++;
        }

        return j < effective.Length ? effective[j] : XX;
    }

    /// <summary>The first position of the unit (base and attached marks) that holds <paramref name="index"/>.</summary>
    private static int Unit(ReadOnlySpan<bool> attached, int index)
    {
        while (index > 0 && attached[index])
        {
            index--;
        }

        return index;
    }

    /// <summary>The class of the unit before the spaces that end at <paramref name="p"/>, or XX at the start.</summary>
    private static LineBreakClass BeforeSpaces(ReadOnlySpan<LineBreakClass> raw, ReadOnlySpan<LineBreakClass> effective, ReadOnlySpan<bool> attached, int p)
    {
        var j = p;
        while (j >= 0 && raw[j] == SP)
        {
            j--;
        }

        return j < 0 ? XX : effective[Unit(attached, j)];
    }
}
