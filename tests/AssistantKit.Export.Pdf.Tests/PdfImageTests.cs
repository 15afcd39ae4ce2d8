using System.Text.RegularExpressions;
using AssistantKit.Export;
using AssistantKit.TestUtils;
using SkiaSharp;
using UglyToad.PdfPig;

namespace AssistantKit.Export.Pdf.Tests;

/// <summary>Attachment images in the PDF: drawn at their size within the column, on one page, with a caption; bad ones named and warned about.</summary>
public sealed partial class PdfImageTests
{
    // A 1 × 1 GIF (a red pixel), the smallest real GIF.
    private static readonly byte[] Gif = [.. "GIF89a"u8, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x00, 0x21, 0xF9, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static byte[] Encoded(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.SteelBlue);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    private static async Task<(byte[] Pdf, ExportResult Result)> ExportAsync(params AttachmentPart[] attachments)
    {
        var conversation = SampleConversations.Header() with
        {
            Messages = [new ConversationMessage { Id = "m", Role = MessageRole.User, Content = "Pictures:", Parts = [.. attachments] }],
        };
        using var output = new MemoryStream();
        var result = await ExporterFactory.Create().ExportAsync(conversation, new ExportOptions { Format = "pdf" }, output, Token);
        return (output.ToArray(), result);
    }

    [Fact]
    public async Task Png_jpeg_gif_and_webp_are_drawn_at_their_size_with_their_names()
    {
        var pdfimages = ExternalProgram.Require("pdfimages", "poppler-utils");
        var (pdf, result) = await ExportAsync(
            new AttachmentPart { Name = "a.png", MediaType = "image/png", Data = TestImages.Png(40, 30, (x, y) => ((byte)x, (byte)y, 200)) },
            new AttachmentPart { Name = "b.jpg", MediaType = "image/jpeg", Data = Encoded(50, 20, SKEncodedImageFormat.Jpeg) },
            new AttachmentPart { Name = "c.gif", MediaType = "image/gif", Data = Gif },
            new AttachmentPart { Name = "d.webp", MediaType = "image/webp", Data = Encoded(24, 24, SKEncodedImageFormat.Webp) });

        Assert.Empty(result.Warnings);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf, Token);
            var (_, list, _) = await ExternalProgram.RunAsync(pdfimages, ["-list", file], TimeSpan.FromSeconds(30));
            var sizes = list.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).Select(l => Regex.Split(l.Trim(), @"\s+"))
                .Where(c => c[2] == "image").Select(c => $"{c[3]}x{c[4]}").Order().ToList();
            Assert.Equal(["1x1", "24x24", "40x30", "50x20"], sizes);
        }
        finally
        {
            File.Delete(file);
        }

        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        foreach (var name in new[] { "a.png", "b.jpg", "c.gif", "d.webp" })
        {
            Assert.Contains(name, page.Text, StringComparison.Ordinal);
        }

        var drawn = page.GetImages().Select(i => i.BoundingBox).ToList();
        Assert.Contains(drawn, b => Math.Abs(b.Width - 30) < 0.5 && Math.Abs(b.Height - 22.5) < 0.5); // 40 × 30 px at 96 dpi
    }

    [Fact]
    public async Task Large_images_are_scaled_into_the_column_and_onto_one_page()
    {
        var (pdf, _) = await ExportAsync(
            new AttachmentPart { Name = "wide.png", MediaType = "image/png", Data = TestImages.Png(3000, 100, (_, _) => (10, 20, 30)) },
            new AttachmentPart { Name = "tall.png", MediaType = "image/png", Data = TestImages.Png(60, 4000, (_, _) => (30, 20, 10)) });

        using var document = PdfDocument.Open(pdf);
        foreach (var page in document.GetPages())
        {
            foreach (var image in page.GetImages())
            {
                Assert.InRange(image.BoundingBox.Left, 48, page.Width - 48);
                Assert.InRange(image.BoundingBox.Right, 48, page.Width - 48);
                Assert.InRange(image.BoundingBox.Bottom, 48, page.Height - 48);
                Assert.InRange(image.BoundingBox.Top, 48, page.Height - 48);
            }
        }

        Assert.Equal(2, document.GetPages().Sum(p => p.GetImages().Count()));
    }

    [Fact]
    public async Task Oversized_corrupt_and_mislabelled_images_become_captions_with_warnings()
    {
        byte[] broken = [.. TestImages.Png(1, 1, (_, _) => (0, 0, 0))[..8], .. "not a PNG after its signature"u8];
        var (pdf, result) = await ExportAsync(
            new AttachmentPart { Name = "bomb.png", MediaType = "image/png", Data = TestImages.ClaimedSizePng(30_000, 30_000) },
            new AttachmentPart { Name = "broken.png", MediaType = "image/png", Data = broken },
            new AttachmentPart { Name = "notreally.png", MediaType = "image/png", Data = "<svg onload=alert(1)>"u8.ToArray() });

        Assert.Equal(2, result.Warnings.Count);
        Assert.Contains(result.Warnings, w => w.Contains("bomb.png", StringComparison.Ordinal) && w.Contains("MaxImagePixels", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("broken.png", StringComparison.Ordinal) && w.Contains("not a readable image", StringComparison.Ordinal));
        using var document = PdfDocument.Open(pdf);
        var text = document.GetPage(1).Text;
        Assert.All(new[] { "bomb.png", "broken.png", "notreally.png" }, name => Assert.Contains(name, text, StringComparison.Ordinal));
        Assert.Empty(document.GetPage(1).GetImages());
    }

    [Fact]
    public async Task A_truncated_image_draws_what_it_has_as_a_browser_does()
    {
        var truncated = TestImages.Png(200, 200, (x, y) => ((byte)x, (byte)y, 0))[..200];
        var (pdf, _) = await ExportAsync(new AttachmentPart { Name = "cut.png", MediaType = "image/png", Data = truncated });

        using var document = PdfDocument.Open(pdf);
        Assert.Contains("cut.png", document.GetPage(1).Text, StringComparison.Ordinal);
    }
}
