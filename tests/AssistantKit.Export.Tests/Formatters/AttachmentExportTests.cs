using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using AssistantKit.Serialization;
using AssistantKit.TestUtils;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using static AssistantKit.Export.Tests.ExportTestHelpers;

namespace AssistantKit.Export.Tests.Formatters;

/// <summary>Attachment bytes in every format: HTML shows images (checked in Chromium), Markdown links side files, JSON keeps them.</summary>
public sealed partial class AttachmentExportTests
{
    private static readonly byte[] Png = TestImages.Png(37, 23, static (x, y) => ((byte)(x * 6), (byte)(y * 10), 90));

    private static Conversation WithAttachments(params AttachmentPart[] attachments) => new()
    {
        Id = "conv-1",
        Title = "Pictures",
        Messages = [Message("m1", MessageRole.User, "What is in this picture?") with { Parts = attachments }, Message("m2", MessageRole.Assistant, "A gradient.", 1)],
    };

    [Fact]
    public async Task Html_ImageAttachment_IsDrawnByChromium_OthersAreNot()
    {
        var pdfimages = ExternalProgram.Require("pdfimages", "poppler-utils");
        var conversation = WithAttachments(
            new AttachmentPart { Name = "gradient.png", MediaType = "image/png", Data = Png },
            new AttachmentPart { Name = "fake.png", MediaType = "image/png", Data = Encoding.UTF8.GetBytes("<svg onload=alert(1)>") },
            new AttachmentPart { Name = "drawing.svg", MediaType = "image/svg+xml", Data = Encoding.UTF8.GetBytes("<svg xmlns='http://www.w3.org/2000/svg' width='50' height='50'><rect width='50' height='50'/></svg>") });
        var (html, _) = await ExportToStringAsync(conversation, new ExportOptions { Format = "html" });
        var directory = Directory.CreateTempSubdirectory("ak-html-images-").FullName;
        try
        {
            var pdf = await Chromium.PrintAsync(html, directory);
            var (_, list, _) = await ExternalProgram.RunAsync(pdfimages, ["-list", pdf], TimeSpan.FromSeconds(30));

            // pdfimages lists every raster image in the PDF Chromium printed: exactly ours, at its own pixel size.
            var images = list.Split('\n').Skip(2).Where(static l => l.Trim().Length > 0).Select(static l => Regex.Split(l.Trim(), @"\s+")).ToList();
            var image = Assert.Single(images, static columns => columns[2] == "image");
            Assert.Equal(("37", "23"), (image[3], image[4]));
            Assert.Single(ImgRegex().Matches(html));
            Assert.Contains("fake.png", html, StringComparison.Ordinal);
            Assert.Contains("drawing.svg", html, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Html_TextAttachment_ShowsItsText_OverTheLimit_NamedWithAWarning()
    {
        var conversation = WithAttachments(
            new AttachmentPart { Name = "notes.csv", MediaType = "text/plain", Data = Encoding.UTF8.GetBytes("month,total\n<b>March</b>,143\n") },
            new AttachmentPart { Name = "big.png", MediaType = "image/png", Data = Png });

        var (html, result) = await ExportToStringAsync(conversation, new ExportOptions { Format = "html", MaxEmbeddedAttachmentBytes = Png.Length - 1 });

        Assert.Contains("month,total&#xA;&lt;b&gt;March&lt;/b&gt;,143&#xA;</code></pre>", html, StringComparison.Ordinal);
        Assert.Empty(ImgRegex().Matches(html));
        Assert.Contains("big.png", html, StringComparison.Ordinal);
        Assert.Single(result.Warnings, static w => w.Contains("big.png", StringComparison.Ordinal) && w.Contains("MaxEmbeddedAttachmentBytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MarkdownBatch_WritesAttachmentsBeside_AndTheLinksResolveInTheZip()
    {
        var conversations = new[]
        {
            WithAttachments(new AttachmentPart { Name = "../../etc/passwd.png", MediaType = "image/png", Data = Png }, new AttachmentPart { Name = "report.pdf", MediaType = "application/pdf", Data = "%PDF-1.4\n"u8.ToArray() }),
            WithAttachments(new AttachmentPart { Name = "cat.png", MediaType = "image/png", Data = Png }), // the same id: its own folder
        };
        using var zip = new MemoryStream();

        var result = await Exporter.ExportBatchAsync(conversations.ToAsyncEnumerable(), new ExportOptions { Format = "markdown" }, zip, TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Succeeded);
        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        var targets = new List<(bool IsImage, string Url)>();
        foreach (var entry in archive.Entries.Where(static e => e.FullName.EndsWith(".md", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            var document = Markdown.Parse(await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
            targets.AddRange(document.Descendants<LinkInline>().Where(static l => l.Url!.StartsWith("attachments/", StringComparison.Ordinal)).Select(static l => (l.IsImage, Uri.UnescapeDataString(l.Url!))));
        }

        Assert.Equal(3, targets.Count);
        Assert.Equal(2, targets.Count(static t => t.IsImage));
        Assert.Equal(3, targets.Select(static t => t.Url).Distinct().Count());
        Assert.All(targets, t => Assert.NotNull(archive.GetEntry(t.Url)));
        Assert.All(targets, static t => Assert.DoesNotContain("..", t.Url, StringComparison.Ordinal));
        Assert.Equal(Png, ReadAll(archive.GetEntry(targets.First(static t => t.Url.EndsWith("cat.png", StringComparison.Ordinal)).Url)!));
    }

    [Fact]
    public async Task MarkdownToDirectory_WritesAttachmentsBeside()
    {
        var directory = Directory.CreateTempSubdirectory("ak-md-dir-").FullName;
        try
        {
            var result = await Exporter.ExportToDirectoryAsync(WithAttachments(new AttachmentPart { Name = "cat.png", MediaType = "image/png", Data = Png }), new ExportOptions { Format = "markdown" }, directory, TestContext.Current.CancellationToken);

            var markdown = await File.ReadAllTextAsync(Path.Combine(directory, result.FileName), TestContext.Current.CancellationToken);
            var image = Markdown.Parse(markdown).Descendants<LinkInline>().Single(static l => l.IsImage);
            Assert.Equal(Png, await File.ReadAllBytesAsync(Path.Combine(directory, Uri.UnescapeDataString(image.Url!)), TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task MarkdownToOneStream_NamesAttachmentsWithTheirSize()
    {
        var (markdown, _) = await ExportToStringAsync(WithAttachments(new AttachmentPart { Name = "cat.png", MediaType = "image/png", Data = Png }), new ExportOptions { Format = "markdown" });

        Assert.Contains($"cat.png ({Png.Length / 1024.0:N1} KB)", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("attachments/", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_KeepsEveryByte()
    {
        var (json, _) = await ExportToStringAsync(WithAttachments(new AttachmentPart { Name = "cat.png", MediaType = "image/png", Data = Png }), new ExportOptions());

        var back = ConversationJson.Read(Encoding.UTF8.GetBytes(json));

        Assert.Equal(Png, back.Messages[0].Parts.OfType<AttachmentPart>().Single().Data!.Value.ToArray());
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [GeneratedRegex("<img ")]
    private static partial Regex ImgRegex();
}
