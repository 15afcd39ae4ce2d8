using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace AssistantKit.Text;

/// <remarks>Shared source: compiled into each package that needs it (no package sees another's internals).</remarks>
/// <summary>Makes untrusted text safe to write: valid Unicode, and (for documents) no control characters.</summary>
internal static class TextSanitizer
{
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    /// <summary>Replaces lone surrogates with U+FFFD; returns the same instance when there are none (the common case, checked vectorized).</summary>
    public static string ToValidUnicode(string value)
    {
        if (!HasLoneSurrogate(value))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else
            {
                builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Removes C0 control characters other than tab, line feed and carriage return, and DEL: they have no place in a document.</summary>
    public static string WithoutControlCharacters(string value)
    {
        if (value.AsSpan().IndexOfAny(ControlCharacters) < 0)
        {
            return value;
        }

        return string.Create(value.Length - CountControls(value), value, static (span, source) =>
        {
            var j = 0;
            foreach (var c in source)
            {
                if (!ControlCharacters.Contains(c))
                {
                    span[j++] = c;
                }
            }
        });
    }

    private static int CountControls(string value)
    {
        var count = 0;
        foreach (var c in value)
        {
            if (ControlCharacters.Contains(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Returns whether <paramref name="text"/> has any surrogate code unit. Reads four vectors per step and tests once:
    /// about 3× faster than <c>IndexOfAnyInRange</c> on a 1 KB message body, which is the common case (none).
    /// </summary>
    public static bool ContainsSurrogate(ReadOnlySpan<char> text)
    {
        if (!Vector256.IsHardwareAccelerated || text.Length < 64)
        {
            return text.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;
        }

        ref var start = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<char, ushort>(text));
        var first = Vector256.Create((ushort)0xD800);
        var width = Vector256.Create((ushort)0x7FF);
        var found = Vector256<ushort>.Zero;
        var i = 0;
        for (; i + 64 <= text.Length; i += 64)
        {
            // x - 0xD800 wraps below zero, so one unsigned comparison tests 0xD800 <= x <= 0xDFFF; min folds four vectors.
            var a = Vector256.LoadUnsafe(ref start, (nuint)i) - first;
            var b = Vector256.LoadUnsafe(ref start, (nuint)i + 16) - first;
            var c = Vector256.LoadUnsafe(ref start, (nuint)i + 32) - first;
            var d = Vector256.LoadUnsafe(ref start, (nuint)i + 48) - first;
            found |= Vector256.LessThanOrEqual(Vector256.Min(Vector256.Min(a, b), Vector256.Min(c, d)), width);
        }

        return found != Vector256<ushort>.Zero || text[i..].IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;
    }

    /// <summary>Returns whether <paramref name="value"/> has a surrogate that is not part of a pair.</summary>
    public static bool HasLoneSurrogate(string value)
    {
        if (!ContainsSurrogate(value))
        {
            return false;
        }

        // Jump from surrogate to surrogate with the vectorized search: text with emoji is checked almost as fast as without.
        var span = value.AsSpan();
        for (var i = span.IndexOfAnyInRange('\uD800', '\uDFFF'); i >= 0;)
        {
            if (!char.IsHighSurrogate(span[i]) || i + 1 >= span.Length || !char.IsLowSurrogate(span[i + 1]))
            {
                return true;
            }

            i += 2;
            var next = span[i..].IndexOfAnyInRange('\uD800', '\uDFFF');
            i = next < 0 ? -1 : i + next;
        }

        return false;
    }
}
