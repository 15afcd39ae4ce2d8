namespace AssistantKit.Export;

/// <summary>The outcome of a batch export.</summary>
public sealed record BatchExportResult
{
    /// <summary>Gets one result per conversation, in input order.</summary>
    public required IReadOnlyList<BatchItemResult> Items { get; init; }

    /// <summary>Gets the number of conversations exported.</summary>
    public int Succeeded => Items.Count(static i => i.Succeeded);

    /// <summary>Gets the number of conversations that failed.</summary>
    public int Failed => Items.Count - Succeeded;
}
