using AssistantKit.Export;
using AssistantKit.Export.Pdf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AssistantKit;

/// <summary>Adds PDF export to AssistantKit.</summary>
public static class PdfExportBuilderExtensions
{
    /// <summary>Registers the <c>pdf</c> formatter (and export, if not yet registered). Calling it more than once registers nothing twice.</summary>
    /// <param name="builder">The AssistantKit builder.</param>
    /// <returns>The builder.</returns>
    public static IAssistantKitBuilder AddPdfExport(this IAssistantKitBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddExport();
        builder.Services.AddValidatedOptions<PdfExportOptions, PdfExportOptionsValidator>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IExportFormatter, PdfExportFormatter>());
        return builder;
    }

    /// <summary>Registers PDF export and configures it (validated when the host starts).</summary>
    /// <param name="builder">The AssistantKit builder.</param>
    /// <param name="configure">Configures <see cref="PdfExportOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static IAssistantKitBuilder AddPdfExport(this IAssistantKitBuilder builder, Action<PdfExportOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddPdfExport();
        builder.Services.Configure(configure);
        return builder;
    }
}
