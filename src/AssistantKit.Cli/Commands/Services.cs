using AssistantKit.Export;
using AssistantKit.Import;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantKit.Cli.Commands;

/// <summary>The tool uses AssistantKit exactly as a host does: through AddAssistantKit().</summary>
internal static class Services
{
    /// <param name="fonts">Fallback fonts for PDF (files; a collection face as <c>path#index</c>).</param>
    /// <param name="systemFonts">Whether PDF text may use the fonts installed on the machine.</param>
    public static (IConversationReader Reader, IConversationExporter Exporter, ServiceProvider Provider) Create(IReadOnlyList<string>? fonts = null, bool systemFonts = true)
    {
        var services = new ServiceCollection();
        services.AddAssistantKit(kit => kit.AddPdfExport(o =>
        {
            o.UseSystemFonts = systemFonts;
            foreach (var font in fonts ?? [])
            {
                var hash = font.LastIndexOf('#');
                o.FallbackFonts.Add(hash > 0 && int.TryParse(font[(hash + 1)..], out var index)
                    ? Export.Pdf.PdfFontSource.FromFile(font[..hash], index)
                    : Export.Pdf.PdfFontSource.FromFile(font));
            }
        }));
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IConversationReader>(), provider.GetRequiredService<IConversationExporter>(), provider);
    }
}
