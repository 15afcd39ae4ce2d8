using AssistantKit.Export;
using AssistantKit.Import;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantKit.Cli.Commands;

/// <summary>The tool uses AssistantKit exactly as a host does: through AddAssistantKit().</summary>
internal static class Services
{
    public static (IConversationReader Reader, IConversationExporter Exporter, ServiceProvider Provider) Create()
    {
        var services = new ServiceCollection();
        services.AddAssistantKit();
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IConversationReader>(), provider.GetRequiredService<IConversationExporter>(), provider);
    }
}
