namespace AssistantKit.Export;

/// <summary>Which messages an export keeps, by role.</summary>
public enum MessageFilter
{
    /// <summary>Every message (system and tool messages subject to <see cref="ExportOptions.IncludeSystemMessages"/> and <see cref="ExportOptions.IncludeToolMessages"/>).</summary>
    All,

    /// <summary>Only messages written by users.</summary>
    User,

    /// <summary>Only messages written by the assistant.</summary>
    Assistant,
}
