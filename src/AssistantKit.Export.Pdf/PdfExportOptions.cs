using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AssistantKit.Export.Pdf;

/// <summary>Settings of the PDF formatter, configured with <c>AddPdfExport(o => …)</c> and validated when the host starts.</summary>
public sealed class PdfExportOptions
{
    /// <summary>Gets or sets the page size; default <see cref="PdfPageSize.A4"/>.</summary>
    [EnumDataType(typeof(PdfPageSize))]
    public PdfPageSize PageSize { get; set; } = PdfPageSize.A4;

    /// <summary>Gets or sets the page margin on every side, in points (1/72 inch); default 48 (about 17 mm).</summary>
    [Range(18f, 144f)]
    public float Margin { get; set; } = 48;

    /// <summary>Gets or sets the body font size in points; default 10. Headings, code and labels scale with it.</summary>
    [Range(6f, 24f)]
    public float BaseFontSize { get; set; } = 10;

    /// <summary>Gets or sets what the bookmarks (outline) list; default one entry per message.</summary>
    [EnumDataType(typeof(PdfOutlineMode))]
    public PdfOutlineMode Outline { get; set; } = PdfOutlineMode.PerMessage;

    /// <summary>
    /// Gets the fonts tried, in order, for characters the bundled DejaVu fonts lack (for example Noto Sans CJK for Chinese
    /// and Japanese, Noto Color Emoji). A character no font has is drawn as a visible replacement (�) and listed in the
    /// export's warnings.
    /// </summary>
    public IList<PdfFontSource> FallbackFonts { get; } = [];

    /// <summary>
    /// Gets or sets whether the fonts installed on the machine are searched, per character, after the bundled and fallback
    /// fonts; default <see langword="true"/>, so that text in any script the machine has fonts for is drawn. Set it to
    /// <see langword="false"/> for output that depends only on the bundled and configured fonts (byte-reproducible builds).
    /// </summary>
    public bool UseSystemFonts { get; set; } = true;

    /// <summary>
    /// Gets or sets the largest image drawn, in pixels (width × height); default 16,777,216 (4096 × 4096, 64 MB decoded).
    /// A larger image is named with a warning instead, so that no attachment can exhaust memory.
    /// </summary>
    [Range(1L, 268_435_456L)]
    public long MaxImagePixels { get; set; } = 16_777_216;

    /// <summary>
    /// Gets or sets how many threads lay out messages at once; 0 (default) for one per processor, 1 for the calling thread
    /// only. Pagination and drawing stay in order; the output is the same whatever the number.
    /// </summary>
    [Range(0, 256)]
    public int MaxDegreeOfParallelism { get; set; }
}

/// <summary>Validates <see cref="PdfExportOptions"/> from its data annotations; the code is generated at compile time (no reflection, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class PdfExportOptionsValidator : IValidateOptions<PdfExportOptions>;
