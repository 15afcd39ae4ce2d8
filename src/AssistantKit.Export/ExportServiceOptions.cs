using Microsoft.Extensions.Options;

namespace AssistantKit.Export;

/// <summary>Service-wide settings of the exporter, configured with <c>AddExport(o => …)</c> and validated when the host starts.</summary>
public sealed class ExportServiceOptions
{
    /// <summary>
    /// Gets or sets the directory where batch exports buffer each conversation before adding it to the archive
    /// (so a conversation that fails half-way leaves nothing in the ZIP). Default <see langword="null"/>: the system temporary directory.
    /// Must exist when set.
    /// </summary>
    public string? TemporaryDirectory { get; set; }
}

/// <summary>Validates <see cref="ExportServiceOptions"/> without reflection.</summary>
internal sealed class ExportServiceOptionsValidator : IValidateOptions<ExportServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportServiceOptions options)
    {
        if (options.TemporaryDirectory is { } directory && !Directory.Exists(directory))
        {
            return ValidateOptionsResult.Fail($"ExportServiceOptions.TemporaryDirectory '{directory}' does not exist; create it or leave the option unset to use the system temporary directory.");
        }

        return ValidateOptionsResult.Success;
    }
}
