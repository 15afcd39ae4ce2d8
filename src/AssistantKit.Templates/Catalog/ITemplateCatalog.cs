namespace AssistantKit.Templates;

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
