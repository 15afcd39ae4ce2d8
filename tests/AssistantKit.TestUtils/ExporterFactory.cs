using AssistantKit.Export;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantKit.TestUtils;

/// <summary>Builds the exporter exactly as a host gets it: through DI.</summary>
public static class ExporterFactory
{
    /// <summary>Creates an exporter with the built-in formatters and PDF.</summary>
    /// <param name="configure">Adds more to the builder.</param>
    /// <returns>The exporter.</returns>
    public static IConversationExporter Create(Action<IAssistantKitBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddAssistantKitCore().AddExport().AddPdfExport();
        configure?.Invoke(builder);
        return services.BuildServiceProvider().GetRequiredService<IConversationExporter>();
    }
}
