using System.Globalization;
using System.Text;

namespace AssistantKit.Export;

/// <summary>What the export formats do with attachment bytes: which media types are shown, and sizes for people.</summary>
internal static class AttachmentKinds
{
    public static bool IsText(string? mediaType) =>
        mediaType is not null && (mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || mediaType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The bytes as UTF-8 text, or <see langword="null"/> when they are not.</summary>
    public static string? TryDecodeText(ReadOnlySpan<byte> data)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(data);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    public static string FormatSize(long bytes, CultureInfo culture) => bytes switch
    {
        < 1024 => string.Format(culture, "{0:N0} B", bytes),
        < 1024 * 1024 => string.Format(culture, "{0:N1} KB", bytes / 1024.0),
        _ => string.Format(culture, "{0:N1} MB", bytes / (1024.0 * 1024)),
    };
}
