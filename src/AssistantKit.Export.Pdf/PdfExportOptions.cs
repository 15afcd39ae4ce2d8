using Microsoft.Extensions.Options;

namespace AssistantKit.Export.Pdf;

/// <summary>Settings of the PDF formatter, configured with <c>AddPdfExport(o => …)</c> and validated when the host starts.</summary>
public sealed class PdfExportOptions
{
    /// <summary>Gets or sets the page size; default <see cref="PdfPageSize.A4"/>.</summary>
    public PdfPageSize PageSize { get; set; } = PdfPageSize.A4;

    /// <summary>Gets or sets the page margin on every side, in points (1/72 inch); default 48 (about 17 mm).</summary>
    public float Margin { get; set; } = 48;

    /// <summary>Gets or sets the body font size in points; default 10. Headings, code and labels scale with it.</summary>
    public float BaseFontSize { get; set; } = 10;

    /// <summary>Gets or sets what the bookmarks (outline) list; default one entry per message.</summary>
    public PdfOutlineMode Outline { get; set; } = PdfOutlineMode.PerMessage;

    /// <summary>
    /// Gets the fonts tried, in order, for characters the bundled DejaVu fonts lack (for example Noto Sans CJK for Chinese
    /// and Japanese, Noto Color Emoji). A character no font has is drawn as a visible replacement (�) and listed in the
    /// export's warnings.
    /// </summary>
    public IList<PdfFontSource> FallbackFonts { get; } = [];
}

/// <summary>Validates <see cref="PdfExportOptions"/> without reflection.</summary>
internal sealed class PdfExportOptionsValidator : IValidateOptions<PdfExportOptions>
{
    public ValidateOptionsResult Validate(string? name, PdfExportOptions options)
    {
        var errors = new List<string>();
        if (!(options.Margin >= 18 && options.Margin <= 144))
        {
            errors.Add($"PdfExportOptions.Margin must be between 18 and 144 points; it is {options.Margin}.");
        }

        if (!(options.BaseFontSize >= 6 && options.BaseFontSize <= 24))
        {
            errors.Add($"PdfExportOptions.BaseFontSize must be between 6 and 24 points; it is {options.BaseFontSize}.");
        }

        if (!Enum.IsDefined(options.PageSize) || !Enum.IsDefined(options.Outline))
        {
            errors.Add("PdfExportOptions: PageSize must be A4 or Letter, Outline None, PerMessage or PerDay.");
        }

        return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
