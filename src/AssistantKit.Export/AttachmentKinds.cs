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

    /// <summary>
    /// Whether the bytes are a raster image every browser draws (PNG, JPEG, GIF, WebP; never SVG, a document that can
    /// carry script), of the type they claim, so a mislabelled file is not drawn as an image.
    /// </summary>
    public static bool IsShownImage(string? mediaType, ReadOnlySpan<byte> data) => mediaType?.ToLowerInvariant() switch
    {
        "image/png" => data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']),
        "image/jpeg" => data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        "image/gif" => data.StartsWith("GIF8"u8),
        "image/webp" => data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8),
        _ => false,
    };

    public static string FormatSize(long bytes, CultureInfo culture) => bytes switch
    {
        < 1024 => string.Format(culture, "{0:N0} B", bytes),
        < 1024 * 1024 => string.Format(culture, "{0:N1} KB", bytes / 1024.0),
        _ => string.Format(culture, "{0:N1} MB", bytes / (1024.0 * 1024)),
    };
}
