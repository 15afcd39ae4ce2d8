using AssistantKit.Export;
using AssistantKit.Export.Formatters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AssistantKit;

/// <summary>Adds conversation export to AssistantKit.</summary>
public static class ExportBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="IConversationExporter"/> and the built-in formatters (json, markdown, txt, csv, html).
    /// Every registration is a <c>TryAdd</c>: a host's own <see cref="IConversationExporter"/> wins and still gets the
    /// formatters. Calling it more than once registers nothing twice.
    /// </summary>
    /// <param name="builder">The AssistantKit builder.</param>
    /// <returns>The builder.</returns>
    public static IAssistantKitBuilder AddExport(this IAssistantKitBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<ExportServiceOptions, ExportServiceOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConversationExporter, ConversationExporter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExportFormatter, JsonExportFormatter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExportFormatter, MarkdownExportFormatter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExportFormatter, PlainTextExportFormatter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExportFormatter, CsvExportFormatter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExportFormatter, HtmlExportFormatter>());
        return builder;
    }

    /// <summary>Registers export as <see cref="AddExport(IAssistantKitBuilder)"/> does and configures its service-wide options (validated when the host starts).</summary>
    /// <param name="builder">The AssistantKit builder.</param>
    /// <param name="configure">Configures <see cref="ExportServiceOptions"/>; each call adds its delegate, applied in order.</param>
    /// <returns>The builder.</returns>
    public static IAssistantKitBuilder AddExport(this IAssistantKitBuilder builder, Action<ExportServiceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddExport();
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds a host's own formatter. A formatter whose <see cref="IExportFormatter.Format"/> repeats an earlier one's is ignored.</summary>
    /// <typeparam name="TFormatter">The formatter type.</typeparam>
    /// <param name="builder">The AssistantKit builder.</param>
    /// <returns>The builder.</returns>
    public static IAssistantKitBuilder AddFormatter<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors)] TFormatter>(this IAssistantKitBuilder builder)
        where TFormatter : class, IExportFormatter
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddExport();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IExportFormatter, TFormatter>());
        return builder;
    }
}
