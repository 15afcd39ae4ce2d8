namespace AssistantKit.Export.Pdf;

/// <summary>A font file for <see cref="PdfExportOptions.FallbackFonts"/>: TrueType or OpenType, or a collection (.ttc) with the face index.</summary>
public sealed class PdfFontSource
{
    private PdfFontSource(string description, Func<Stream> open, int index, string? path = null)
    {
        Description = description;
        Open = open;
        Index = index;
        Path = path;
    }

    /// <summary>Gets a description for messages (the path, or the name given).</summary>
    public string Description { get; }

    /// <summary>Gets the face index within a font collection.</summary>
    public int Index { get; }

    internal Func<Stream> Open { get; }

    /// <summary>Gets the file, when the font is one (it is then mapped, not read into memory).</summary>
    internal string? Path { get; }

    /// <summary>A font file.</summary>
    /// <param name="path">The file (for example <c>/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc</c>).</param>
    /// <param name="index">The face index in a collection; 0 for a single font.</param>
    /// <returns>The source.</returns>
    public static PdfFontSource FromFile(string path, int index = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new(path, () => File.OpenRead(path), index, path);
    }

    /// <summary>A font from a stream opened on demand (an embedded resource, for example).</summary>
    /// <param name="name">A name for messages.</param>
    /// <param name="open">Opens the font data; the stream is read once and disposed.</param>
    /// <param name="index">The face index in a collection.</param>
    /// <returns>The source.</returns>
    public static PdfFontSource FromStream(string name, Func<Stream> open, int index = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(open);
        return new(name, open, index);
    }
}
