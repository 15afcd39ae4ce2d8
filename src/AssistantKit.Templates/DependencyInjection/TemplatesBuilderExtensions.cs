using AssistantKit.Templates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AssistantKit;

/// <summary>Adds templates to AssistantKit.</summary>
public static class TemplatesBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="ITemplateCatalog"/> (built-in, or remote with fallback), <see cref="ITemplateStore"/>
    /// (in memory, or in a directory) and <see cref="TemplateRenderer"/>. Calling it more than once registers nothing twice.
    /// </summary>
    /// <param name="builder">The AssistantKit builder.</param>
    /// <returns>The builder.</returns>
    public static IAssistantKitBuilder AddTemplates(this IAssistantKitBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<TemplatesOptions, TemplatesOptionsValidator>();
        if (!services.Any(static d => d.ServiceType == typeof(IHttpClientFactory)))
        {
            // The remote catalog asks the factory for its named client (RemoteTemplateCatalog.HttpClientName). AddHttpClient
            // adds an options configuration on every call, so it is called only when no factory is registered yet.
            services.AddHttpClient();
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TemplateRenderer>();
        services.TryAddSingleton<ITemplateStore>(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<TemplatesOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            return options.StoreDirectory is { } directory ? new FileSystemTemplateStore(directory, time) : new InMemoryTemplateStore(time);
        });
        services.TryAddSingleton<ITemplateCatalog>(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<TemplatesOptions>>().Value;
            return options.RemoteCatalog.Url is null
                ? TemplateCatalog.BuiltIn
                : new RemoteTemplateCatalog(sp.GetRequiredService<IHttpClientFactory>().CreateClient(RemoteTemplateCatalog.HttpClientName), options.RemoteCatalog, sp.GetRequiredService<TimeProvider>());
        });
        return builder;
    }

    /// <summary>Registers templates as <see cref="AddTemplates(IAssistantKitBuilder)"/> does and configures them (validated when the host starts).</summary>
    /// <param name="builder">The AssistantKit builder.</param>
    /// <param name="configure">Configures <see cref="TemplatesOptions"/>; each call adds its delegate.</param>
    /// <returns>The builder.</returns>
    public static IAssistantKitBuilder AddTemplates(this IAssistantKitBuilder builder, Action<TemplatesOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddTemplates();
        builder.Services.Configure(configure);
        return builder;
    }
}
