using System.Runtime.InteropServices;
using HarfBuzzSharp;
using SkiaSharp;

namespace AssistantKit.Export.Pdf.Layout;

/// <summary>
/// A font as layout uses it: the Skia typeface that draws it, the HarfBuzz font that shapes it (in font units, shared by
/// every export: HarfBuzz fonts are immutable and safe to shape with from several threads), and the styles it lacks and
/// that are synthesized (bold by emboldening, italic by slanting).
/// </summary>
internal sealed class FontFace
{
    private FontFace(SKTypeface typeface, HarfBuzzSharp.Font shaper, string description, Func<(byte[]? Data, int Index)> data)
    {
        Typeface = typeface;
        Shaper = shaper;
        Description = description;
        Data = data;
        UnitsPerEm = typeface.UnitsPerEm > 0 ? typeface.UnitsPerEm : 1000;
        var tags = typeface.GetTableTags();
        IsColor = tags.Contains(Tag("CBDT")) || tags.Contains(Tag("COLR")) || tags.Contains(Tag("sbix"));
        HasOutlines = tags.Contains(Tag("glyf"));
    }

    private FontFace(FontFace face, bool bold, bool italic)
        : this(face.Typeface, face.Shaper, face.Description, face.Data)
    {
        FakeBold = bold;
        FakeItalic = italic;
        _native = face._native;
    }

    private (Blob, HarfBuzzSharp.Face)? _native;

    public SKTypeface Typeface { get; }

    public HarfBuzzSharp.Font Shaper { get; }

    public string Description { get; }

    public int UnitsPerEm { get; }

    /// <summary>Gets whether the font has color glyphs (bitmaps or layers): emoji.</summary>
    public bool IsColor { get; }

    /// <summary>Gets whether the font has TrueType outlines, which <see cref="FontSubsetter"/> can cut down.</summary>
    public bool HasOutlines { get; }

    public bool FakeBold { get; }

    public bool FakeItalic { get; }

    /// <summary>Gets the whole font file (for subsetting) and the face's index in it.</summary>
    public Func<(byte[]? Data, int Index)> Data { get; }

    public bool Has(int codePoint) => Shaper.TryGetNominalGlyph(codePoint, out _);

    /// <summary>This face with bold and italic synthesized.</summary>
    public FontFace Synthesized(bool bold, bool italic) => bold || italic ? new FontFace(this, bold, italic) : this;

    /// <summary>A face from font data in memory.</summary>
    public static FontFace? FromData(byte[] data, int index, string description)
    {
        var typeface = SKTypeface.FromData(SKData.CreateCopy(data), index);
        if (typeface is null)
        {
            return null;
        }

        // A copy in native memory that HarfBuzz owns (Blob.FromStream may keep a pointer into a managed array that moves).
        var native = Marshal.AllocHGlobal(data.Length);
        Marshal.Copy(data, 0, native, data.Length);
        var blob = new Blob(native, data.Length, MemoryMode.ReadOnly, () => Marshal.FreeHGlobal(native));
        return Create(typeface, blob, index, description, () => (data, index));
    }

    /// <summary>A face from a font file, mapped rather than read.</summary>
    public static FontFace? FromFile(string path, int index)
    {
        var typeface = SKTypeface.FromFile(path, index);
        if (typeface is null)
        {
            return null;
        }

        return Create(typeface, Blob.FromFile(path), index, path, () => (File.ReadAllBytes(path), index));
    }

    /// <remarks>
    /// The blob and face stay alive with the font, undisposed: HarfBuzzSharp frees a blob's memory when its wrapper is
    /// disposed, whatever still refers to it natively (a disposed blob under a live font shapes with another font's data).
    /// </remarks>
    private static FontFace? Create(SKTypeface typeface, Blob blob, int index, string description, Func<(byte[]?, int)> data)
    {
        var face = new HarfBuzzSharp.Face(blob, index);
        if (face.GlyphCount == 0)
        {
            typeface.Dispose();
            face.Dispose();
            blob.Dispose();
            return null;
        }

        var font = new HarfBuzzSharp.Font(face);
        font.SetFunctionsOpenType();
        var upem = typeface.UnitsPerEm > 0 ? typeface.UnitsPerEm : 1000;
        font.SetScale(upem, upem);
        return new FontFace(typeface, font, description, data) { _native = (blob, face) };
    }

    private static uint Tag(string tag) => (uint)((tag[0] << 24) | (tag[1] << 16) | (tag[2] << 8) | tag[3]);
}
