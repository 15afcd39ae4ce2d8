using System.Text;

namespace AssistantKit.Export;

/// <summary>
/// <c>Content-Disposition</c> values for downloads (RFC 6266): the file name twice, as RFC 5987 <c>filename*</c> in UTF-8
/// for clients that read it (every current browser) and as a plain ASCII <c>filename</c> for the rest. Nothing of the
/// name can end the header or add a parameter: quotes, backslashes, control characters and line breaks never pass.
/// </summary>
public static class ContentDisposition
{
    /// <summary>An <c>attachment</c> value for <paramref name="fileName"/>.</summary>
    /// <param name="fileName">The file name, any Unicode text (a path's directories are dropped).</param>
    /// <returns>For example <c>attachment; filename="Gru_e _.pdf"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%F0%9F%91%8B.pdf</c>.</returns>
    public static string Attachment(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = Path.GetFileName(AssistantKit.Text.TextSanitizer.ToValidUnicode(fileName).Replace('\\', '/'));
        if (string.IsNullOrWhiteSpace(name))
        {
            name = "download";
        }

        return $"attachment; filename=\"{AsciiFallback(name)}\"; filename*=UTF-8''{Rfc5987(name)}";
    }

    /// <summary>The name in printable ASCII without quote or backslash: letters with accents lose them, the rest becomes <c>_</c>.</summary>
    private static string AsciiFallback(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (c is >= ' ' and <= '~' and not '"' and not '\\')
            {
                text.Append(c);
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark && !char.IsLowSurrogate(c))
            {
                text.Append('_');
            }
        }

        return text.ToString();
    }

    /// <summary>RFC 5987 <c>value-chars</c>: attr-chars as they are, every other UTF-8 byte percent-encoded.</summary>
    private static string Rfc5987(string name)
    {
        var text = new StringBuilder(name.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
                || b is (byte)'!' or (byte)'#' or (byte)'$' or (byte)'&' or (byte)'+' or (byte)'-' or (byte)'.' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
