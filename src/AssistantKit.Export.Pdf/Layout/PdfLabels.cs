using System.Globalization;

namespace AssistantKit.Export.Pdf.Layout;

/// <summary>The PDF's own words, in the export's language (English or German).</summary>
internal sealed record PdfLabels(string PageOf, string Messages, string Exported)
{
    public static PdfLabels For(CultureInfo culture) => culture.TwoLetterISOLanguageName == "de"
        ? new("Seite {0} von {1}", "Nachrichten", "Exportiert")
        : new("Page {0} of {1}", "Messages", "Exported");

    public string Page(int page, int pages, CultureInfo culture) => string.Format(culture, PageOf, page, pages);
}
