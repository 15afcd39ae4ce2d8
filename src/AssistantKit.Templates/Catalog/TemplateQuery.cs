namespace AssistantKit.Templates;

/// <summary>What to list or search for.</summary>
public sealed record TemplateQuery
{
    /// <summary>Gets the search text: every word must match the start of a word in the name, tags, description or instructions (case- and diacritic-insensitive). Empty lists everything.</summary>
    public string? Text { get; init; }

    /// <summary>Gets tags a template must all have (case- and diacritic-insensitive).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets the category to keep, or <see langword="null"/> for all.</summary>
    public TemplateCategory? Category { get; init; }

    /// <summary>Gets whether to keep only active (<see langword="true"/>, the default), only inactive, or all (<see langword="null"/>) templates.</summary>
    public bool? IsActive { get; init; } = true;

    /// <summary>Gets the language of the catalog: <c>en</c> (default) or <c>de</c>; other cultures fall back to their language, then English.</summary>
    public string? Culture { get; init; }

    /// <summary>Gets how many results to skip (paging).</summary>
    public int Skip { get; init; }

    /// <summary>Gets how many results to return at most (paging). Default 50.</summary>
    public int Take { get; init; } = 50;
}
