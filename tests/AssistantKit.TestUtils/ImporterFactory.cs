using AssistantKit.Import;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantKit.TestUtils;

/// <summary>Builds the conversation reader exactly as a host gets it: through DI.</summary>
public static class ImporterFactory
{
    /// <summary>Creates a reader with the built-in importers.</summary>
    /// <returns>The reader.</returns>
    public static IConversationReader Create()
    {
        var services = new ServiceCollection();
        services.AddAssistantKitCore().AddImport();
        return services.BuildServiceProvider().GetRequiredService<IConversationReader>();
    }
}
