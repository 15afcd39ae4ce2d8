using AssistantKit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the AssistantKit core services.</summary>
public static class AssistantKitCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the core services every AssistantKit feature package needs (a <see cref="TimeProvider"/>)
    /// and returns the builder that feature packages extend. Calling it more than once registers nothing twice.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Most apps call <c>AddAssistantKit()</c> from the <c>AssistantKit</c> package instead, which calls this and adds every feature.</remarks>
    public static IAssistantKitBuilder AddAssistantKitCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions();
        return new AssistantKitBuilder(services);
    }

    private sealed class AssistantKitBuilder(IServiceCollection services) : IAssistantKitBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
