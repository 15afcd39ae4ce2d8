namespace AssistantKit.Export.Pdf.Layout;

/// <summary>One layout thread's state: its fonts (with the glyphs it used), shaper and document layout.</summary>
internal sealed record LayoutWorker(PdfFonts Fonts, TextLayout Text, DocumentLayout Layout) : IDisposable
{
    public void Dispose() => Text.Dispose();
}
