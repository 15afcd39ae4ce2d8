using Microsoft.Extensions.Options;

namespace AssistantKit.Templates;

/// <summary>Service-wide settings of templates, configured with <c>AddTemplates(o => …)</c> and validated when the host starts.</summary>
public sealed class TemplatesOptions
{
    /// <summary>Gets or sets the directory of the file-system template store; <see langword="null"/> (the default) keeps user templates in memory.</summary>
    public string? StoreDirectory { get; set; }

    /// <summary>Gets the remote catalog settings; with no <see cref="RemoteTemplateCatalogOptions.Url"/> (the default) the built-in catalog is used.</summary>
    public RemoteTemplateCatalogOptions RemoteCatalog { get; } = new();
}

/// <summary>Validates <see cref="TemplatesOptions"/> without reflection.</summary>
internal sealed class TemplatesOptionsValidator : IValidateOptions<TemplatesOptions>
{
    public ValidateOptionsResult Validate(string? name, TemplatesOptions options)
    {
        var errors = new List<string>();
        if (options.StoreDirectory is { } directory && (directory.Length == 0 || directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
        {
            errors.Add($"TemplatesOptions.StoreDirectory '{directory}' is not a valid path.");
        }

        var remote = options.RemoteCatalog;
        if (remote.Url is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"TemplatesOptions.RemoteCatalog.Url '{url}' must be an absolute http or https URL.");
        }

        if (remote.Timeout <= TimeSpan.Zero || remote.RefreshInterval <= TimeSpan.Zero || remote.BreakDuration < TimeSpan.FromMilliseconds(500) || remote.MaxRetryAttempts < 0)
        {
            errors.Add("TemplatesOptions.RemoteCatalog: Timeout and RefreshInterval must be positive, BreakDuration at least 0.5 s, MaxRetryAttempts not negative.");
        }

        return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
