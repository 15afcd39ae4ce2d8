using AssistantKit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds AssistantKit to a service collection.</summary>
public static class AssistantKitServiceCollectionExtensions
{
    /// <summary>
    /// Adds every AssistantKit feature with its default options: conversation export including PDF and import (<c>AddExport()</c>,
    /// <c>AddPdfExport()</c>, <c>AddImport()</c>) and templates (<c>AddTemplates()</c>). Realtime needs ASP.NET Core and is added with <c>AddRealtime()</c> from AssistantKit.Realtime.AspNetCore. Calling it more than once registers nothing twice.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The builder, for further configuration.</returns>
    public static IAssistantKitBuilder AddAssistantKit(this IServiceCollection services) => services.AddAssistantKit(static _ => { });

    /// <summary>Adds every AssistantKit feature and lets <paramref name="configure"/> adjust them.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the builder (for example <c>builder.AddFormatter&lt;MyFormatter&gt;()</c>).</param>
    /// <returns>The builder, for further configuration.</returns>
    public static IAssistantKitBuilder AddAssistantKit(this IServiceCollection services, Action<IAssistantKitBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = services.AddAssistantKitCore().AddExport().AddPdfExport().AddImport().AddTemplates();
        configure(builder);
        return builder;
    }
}
