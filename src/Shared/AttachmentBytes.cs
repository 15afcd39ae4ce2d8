using System.Text.Unicode;

namespace AssistantKit.Text;

/// <remarks>Shared source: compiled into each package that needs it (no package sees another's internals).</remarks>
/// <summary>
/// What every package needs to know about attachment bytes: the name to show, and the media type told from the first bytes (magic numbers, as the WHATWG MIME Sniffing standard lists them), not
/// from its name: a file named <c>photo.png</c> that holds HTML is not an image.
/// </summary>
internal static class AttachmentBytes
{
    public const string Unknown = "application/octet-stream";

    /// <summary>The name a document shows for an attachment: its file name, else its address, else its media type.</summary>
    public static string DisplayName(AttachmentPart attachment) => attachment.Name ?? attachment.Uri?.ToString() ?? attachment.MediaType ?? "";

    /// <summary>
    /// Whether the bytes are a raster image every browser and PDF viewer draws (PNG, JPEG, GIF, WebP; never SVG, a
    /// document that can carry script) of the type they claim, so a mislabelled file is not drawn as an image.
    /// </summary>
    public static bool IsShownImage(string? mediaType, ReadOnlySpan<byte> data) =>
        mediaType?.ToLowerInvariant() is "image/png" or "image/jpeg" or "image/gif" or "image/webp" && Sniff(data) == mediaType.ToLowerInvariant();

    public static string Sniff(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (data.Length >= 12 && data.StartsWith("RIFF"u8))
        {
            return data[8..12].SequenceEqual("WEBP"u8) ? "image/webp" : data[8..12].SequenceEqual("WAVE"u8) ? "audio/wav" : Unknown;
        }

        if (data.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (data.StartsWith("PK\x03\x04"u8))
        {
            return "application/zip";
        }

        if (data.StartsWith("ID3"u8) || data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFB]))
        {
            return "audio/mpeg";
        }

        if (data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8))
        {
            return data[8..12].SequenceEqual("heic"u8) || data[8..12].SequenceEqual("heix"u8) ? "image/heic"
                : data[8..12].SequenceEqual("avif"u8) ? "image/avif"
                : "video/mp4";
        }

        // Text: valid UTF-8 without NUL bytes in what was seen (the cut may split a character at the end).
        var sample = data[..Math.Min(data.Length, 4096)];
        return sample.IndexOf((byte)0) < 0 && (Utf8.IsValid(sample) || Utf8.IsValid(sample[..Math.Max(0, sample.Length - 3)])) ? "text/plain" : Unknown;
    }
}
