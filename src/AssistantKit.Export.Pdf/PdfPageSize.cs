namespace AssistantKit.Export.Pdf;

/// <summary>Page sizes.</summary>
public enum PdfPageSize
{
    /// <summary>ISO A4, 210 × 297 mm.</summary>
    A4,

    /// <summary>US Letter, 8.5 × 11 inches.</summary>
    Letter,
}
