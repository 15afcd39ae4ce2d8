namespace AssistantKit.Export;

/// <summary>
/// Options of <see cref="ExportResults.Download"/>: <c>services.Configure&lt;ExportDownloadOptions&gt;(o =&gt; o.TemporaryDirectory = "/data/tmp")</c>.
/// </summary>
public sealed class ExportDownloadOptions
{
    /// <summary>
    /// Gets or sets the folder an export is written to before it is sent (and deleted once sent), or
    /// <see langword="null"/> for the system's temporary folder. Set it where that folder is read-only or small, as in
    /// some containers.
    /// </summary>
    public string? TemporaryDirectory { get; set; }
}
