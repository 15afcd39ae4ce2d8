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

/// <summary>A search hit and how well it matched (higher is better: name beats tags beats description beats instructions).</summary>
/// <param name="Template">The template.</param>
/// <param name="Score">The relevance.</param>
public sealed record TemplateSearchResult(AssistantTemplate Template, double Score);

/// <summary>The catalog of templates to choose from: list, get, search. Thread-safe.</summary>
public interface ITemplateCatalog
{
    /// <summary>Lists templates by name, filtered and paged.</summary>
    /// <param name="query">Filters and paging; its <see cref="TemplateQuery.Text"/> is ignored.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The templates.</returns>
    ValueTask<IReadOnlyList<AssistantTemplate>> ListAsync(TemplateQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a template by id in a culture (falling back to English).</summary>
    /// <param name="id">The id.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for English.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The template, or <see langword="null"/>.</returns>
    ValueTask<AssistantTemplate?> GetAsync(string id, string? culture = null, CancellationToken cancellationToken = default);

    /// <summary>Searches, ranked by relevance, filtered and paged.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The hits, best first.</returns>
    ValueTask<IReadOnlyList<TemplateSearchResult>> SearchAsync(TemplateQuery query, CancellationToken cancellationToken = default);
}
