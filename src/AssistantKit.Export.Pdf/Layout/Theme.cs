using SkiaSharp;

namespace AssistantKit.Export.Pdf.Layout;

/// <summary>The document's colors: dark text on white, one accent per role, print-friendly.</summary>
internal static class Theme
{
    public static readonly SKColor Text = new(0x1F, 0x29, 0x37);
    public static readonly SKColor Muted = new(0x6B, 0x72, 0x80);
    public static readonly SKColor Link = new(0x1D, 0x4E, 0xD8);
    public static readonly SKColor Rule = new(0xD1, 0xD5, 0xDB);
    public static readonly SKColor CodeBackground = new(0xF3, 0xF4, 0xF6);
    public static readonly SKColor InlineCodeBackground = new(0xEE, 0xEF, 0xF2);
    public static readonly SKColor TableHeader = new(0xF3, 0xF4, 0xF6);
    public static readonly SKColor Quote = new(0x9C, 0xA3, 0xAF);

    public static SKColor Role(MessageRole role) => role switch
    {
        MessageRole.User => new SKColor(0x25, 0x63, 0xEB),
        MessageRole.Assistant => new SKColor(0x16, 0xA3, 0x4A),
        MessageRole.Tool => new SKColor(0xD9, 0x77, 0x06),
        _ => Muted,
    };
}
