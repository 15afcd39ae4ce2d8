namespace AssistantKit.Export;

/// <summary>The keys of the built-in formats.</summary>
public static class ExportFormats
{
    /// <summary>AssistantKit conversation JSON.</summary>
    public const string Json = "json";

    /// <summary>Markdown.</summary>
    public const string Markdown = "markdown";

    /// <summary>Plain text.</summary>
    public const string Text = "txt";

    /// <summary>CSV, one row per message.</summary>
    public const string Csv = "csv";

    /// <summary>A self-contained HTML page.</summary>
    public const string Html = "html";

    /// <summary>PDF (from the AssistantKit.Export.Pdf package).</summary>
    public const string Pdf = "pdf";
}
