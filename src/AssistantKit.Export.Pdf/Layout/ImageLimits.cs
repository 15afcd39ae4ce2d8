using System.Runtime.InteropServices;
using SkiaSharp;

namespace AssistantKit.Export.Pdf.Layout;

/// <summary>
/// How large an image is drawn: its size at 96 pixels per inch (as a browser shows it), scaled down to the column and to
/// what fits on one page. Only the header is read here; an image larger than <paramref name="maxPixels"/> or one whose
/// header does not decode is not drawn.
/// </summary>
internal sealed class ImageLimits(long maxPixels, float maxHeight)
{
    public bool Fit(ReadOnlyMemory<byte> encoded, float maxWidth, out SKSize size, out string problem)
    {
        size = default;
        using var stream = MemoryMarshal.TryGetArray(encoded, out var bytes)
            ? new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false)
            : new MemoryStream(encoded.ToArray(), writable: false);
        using var codec = SKCodec.Create(stream); // reads the header only
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            problem = "its data is not a readable image";
            return false;
        }

        var (pixelWidth, pixelHeight) = (codec.Info.Width, codec.Info.Height);
        if ((long)pixelWidth * pixelHeight > maxPixels)
        {
            problem = $"{pixelWidth:N0} x {pixelHeight:N0} pixels is over PdfExportOptions.MaxImagePixels ({maxPixels:N0})";
            return false;
        }

        var width = pixelWidth * 0.75f;
        var height = pixelHeight * 0.75f;
        var scale = Math.Min(1, Math.Min(maxWidth / width, maxHeight / height));
        size = new SKSize(width * scale, height * scale);
        problem = "";
        return true;
    }
}
