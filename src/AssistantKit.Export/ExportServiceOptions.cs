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
    [ExistingDirectory]
    public string? TemporaryDirectory { get; set; }
}

/// <summary>Validates <see cref="ExportServiceOptions"/> from its data annotations; the code is generated at compile time (no reflection, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class ExportServiceOptionsValidator : IValidateOptions<ExportServiceOptions>;
