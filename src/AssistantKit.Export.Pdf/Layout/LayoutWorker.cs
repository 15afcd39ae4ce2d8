namespace AssistantKit.Export.Pdf.Layout;

/// <summary>One layout thread's state: its fonts (with the glyphs it used), shaper and document layout.</summary>
internal sealed record LayoutWorker(PdfFonts Fonts, TextLayout Text, DocumentLayout Layout) : IDisposable
{
    /// <summary>
    /// Switches from the measuring pass to the drawing pass: lines carry glyph runs, nothing new is noted for subsetting,
    /// and what the measuring pass warned about is not warned about again.
    /// </summary>
    public void BeginDrawing()
    {
        Fonts.StopNoting();
        Text.Draws = true;
        Layout.Quiet = true;
    }

    public void Dispose() => Text.Dispose();
}
