using System.IO.Compression;
using System.Text;
using AssistantKit.TestUtils;
using static AssistantKit.Import.Tests.FixtureImportTests;

namespace AssistantKit.Import.Tests.Formats;

/// <summary>Images and files of a ChatGPT export ZIP (or its unpacked folder) become attachment bytes, typed by content.</summary>
public sealed class ChatGptAttachmentTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ak-attachments-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static readonly byte[] Png = TestImages.Png(4, 3, static (x, y) => ((byte)(x * 60), (byte)(y * 80), 200));

    /// <summary>A conversation whose user shows an uploaded image and a PDF, and whose assistant answers with a generated image.</summary>
    private const string Conversation = """
        [{"id": "c1", "title": "Pictures", "current_node": "a1", "mapping": {
          "u1": {"id": "u1", "parent": null, "children": ["t1"], "message": {"id": "u1", "author": {"role": "user"},
            "content": {"content_type": "multimodal_text", "parts": [{"content_type": "image_asset_pointer", "asset_pointer": "file-service://file-AbC12", "size_bytes": 90, "width": 4, "height": 3}, "What is this?"]},
            "metadata": {"attachments": [{"id": "file-AbC12", "name": "cat.png", "mime_type": "image/png"}, {"id": "file-PdF99", "name": "report.pdf", "size": 9, "mime_type": "application/pdf"}]}}},
          "t1": {"id": "t1", "parent": "u1", "children": ["a1"], "message": {"id": "t1", "author": {"role": "tool", "name": "dalle.text2im"},
            "content": {"content_type": "multimodal_text", "parts": [{"content_type": "image_asset_pointer", "asset_pointer": "sediment://file_00000000d4e5f6", "width": 4, "height": 3}]}}},
          "a1": {"id": "a1", "parent": "t1", "children": [], "message": {"id": "a1", "author": {"role": "assistant"},
            "content": {"content_type": "text", "parts": ["A cat, and here is a drawing of one."]}}}}}]
        """;

    private string Zip(params (string Name, byte[] Data)[] files)
    {
        var path = Path.Combine(_directory, "export.zip");
        using var archive = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        using (var writer = new StreamWriter(archive.CreateEntry("conversations.json").Open()))
        {
            writer.Write(Conversation);
        }

        foreach (var (name, data) in files)
        {
            using var entry = archive.CreateEntry(name).Open();
            entry.Write(data);
        }

        return path;
    }

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n");

    [Fact]
    public async Task ZipAssets_BecomeAttachmentBytes_TypedFromTheBytes()
    {
        var zip = Zip(("file-AbC12-cat.png", Png), ("dalle-generations/file_00000000d4e5f6-8c1a.webp", Png), ("file-PdF99-report.pdf", Pdf), ("file-Unused-x.png", Png));

        var item = Assert.Single(await ReadAsync(zip));

        Assert.Empty(item.Warnings);
        var user = item.Conversation!.Messages[0].Parts.OfType<AttachmentPart>().ToList();
        Assert.Equal(["file-AbC12-cat.png", "report.pdf"], user.Select(static a => a.Name));
        Assert.Equal(Png, user[0].Data!.Value.ToArray());
        Assert.Equal("image/png", user[0].MediaType);
        Assert.Equal(Pdf, user[1].Data!.Value.ToArray());
        Assert.Equal("application/pdf", user[1].MediaType);
        var drawn = Assert.IsType<AttachmentPart>(Assert.Single(item.Conversation.Messages[1].Parts));
        Assert.Equal("image/png", drawn.MediaType); // named .webp, but the bytes are a PNG
        Assert.Equal(Png, drawn.Data!.Value.ToArray());
    }

    [Fact]
    public async Task AFileNamedLikeAnImage_IsTypedByItsBytes()
    {
        var zip = Zip(("file-AbC12-cat.png", Encoding.UTF8.GetBytes("<script>alert(1)</script>")));

        var attachment = (await ReadAsync(zip))[0].Conversation!.Messages[0].Parts.OfType<AttachmentPart>().First();

        Assert.Equal("text/plain", attachment.MediaType);
    }

    [Fact]
    public async Task PastTheByteLimit_AttachmentsStayReferences_WithAWarning()
    {
        var zip = Zip(("file-AbC12-cat.png", Png), ("file_00000000d4e5f6-8c1a.png", Png));

        var item = Assert.Single(await ReadAsync(zip, new ImportOptions { MaxAttachmentBytes = Png.Length + 10 }));

        var attachments = item.Conversation!.Messages.SelectMany(static m => m.Parts).OfType<AttachmentPart>().ToList();
        Assert.Single(attachments, static a => a.Data is not null);
        Assert.Contains(item.Warnings, static w => w.Contains("MaxAttachmentBytes", StringComparison.Ordinal) && w.Contains("file_00000000d4e5f6-8c1a.png", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnpackedExportFolder_ResolvesTheSameWay()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory, "unpacked")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "conversations.json"), Conversation, TestContext.Current.CancellationToken);
        Directory.CreateDirectory(Path.Combine(folder, "dalle-generations"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "file-AbC12-cat.png"), Png, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(folder, "dalle-generations", "file_00000000d4e5f6-8c1a.webp"), Png, TestContext.Current.CancellationToken);

        var item = Assert.Single(await ReadAsync(folder));

        Assert.Equal(2, item.Conversation!.Messages.SelectMany(static m => m.Parts).OfType<AttachmentPart>().Count(static a => a.Data is not null));
    }

    [Fact]
    public async Task WithoutTheZip_PointersStayReferences()
    {
        var item = Assert.Single(await ReadStreamAsync(new MemoryStream(Encoding.UTF8.GetBytes(Conversation))));

        var image = item.Conversation!.Messages[0].Parts.OfType<AttachmentPart>().First();
        Assert.Null(image.Data);
        Assert.Equal("file-service://file-AbC12", image.Uri!.OriginalString);
    }

    [Fact]
    public async Task GeneratedExportZip_EveryConversationGetsItsImage()
    {
        var zip = Path.Combine(_directory, "generated.zip");
        ChatGptExportGenerator.WriteZip(zip, conversations: 5, messages: 4, Png);

        var items = await ReadAsync(zip);

        Assert.Equal(5, items.Count);
        Assert.All(items, static i => Assert.Equal(Png, i.Conversation!.Messages[0].Parts.OfType<AttachmentPart>().Single().Data!.Value.ToArray()));
    }
}
