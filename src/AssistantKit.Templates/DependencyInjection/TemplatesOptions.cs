using Microsoft.Extensions.Options;

namespace AssistantKit.Templates;

/// <summary>Service-wide settings of templates, configured with <c>AddTemplates(o => …)</c> and validated when the host starts.</summary>
public sealed class TemplatesOptions
{
    /// <summary>Gets or sets the directory of the file-system template store; <see langword="null"/> (the default) keeps user templates in memory.</summary>
    [ValidPath]
    public string? StoreDirectory { get; set; }

    /// <summary>Gets the remote catalog settings; with no <see cref="RemoteTemplateCatalogOptions.Url"/> (the default) the built-in catalog is used.</summary>
    [ValidateObjectMembers]
    public RemoteTemplateCatalogOptions RemoteCatalog { get; } = new();
}

/// <summary>Validates <see cref="TemplatesOptions"/> from its data annotations; the code is generated at compile time (no reflection, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class TemplatesOptionsValidator : IValidateOptions<TemplatesOptions>;
