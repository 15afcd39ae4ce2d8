namespace AssistantKit.Templates;

/// <summary>
/// Stores user templates with versions and sharing. Every save creates an immutable version; saves name the version
/// they are based on, so two concurrent writers never silently lose a save. Nobody reads, lists or overwrites what they may not.
/// </summary>
public interface ITemplateStore
{
    /// <summary>Gets the current version of a template the caller may read.</summary>
    /// <param name="id">The template id.</param>
    /// <param name="caller">Who is asking.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The template, or <see langword="null"/> when it does not exist or the caller may not read it.</returns>
    Task<StoredTemplate?> GetAsync(string id, TemplateCaller caller, CancellationToken cancellationToken = default);

    /// <summary>Lists the current versions of the templates the caller may read.</summary>
    /// <param name="caller">Who is asking.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The templates, by id.</returns>
    Task<IReadOnlyList<StoredTemplate>> ListAsync(TemplateCaller caller, CancellationToken cancellationToken = default);

    /// <summary>Saves a new version.</summary>
    /// <param name="template">The template; its owner becomes the caller when it has none.</param>
    /// <param name="caller">Who is saving; must own the template.</param>
    /// <param name="expectedVersion">The version this change is based on, or <see langword="null"/> to create a new template.</param>
    /// <param name="changeNote">What changed, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The saved version.</returns>
    /// <exception cref="TemplateConcurrencyException">The template changed since <paramref name="expectedVersion"/> (or exists when creating).</exception>
    /// <exception cref="TemplateAccessDeniedException">The caller does not own the template.</exception>
    /// <exception cref="Serialization.TemplateValidationException">The template is invalid.</exception>
    Task<StoredTemplate> SaveAsync(AssistantTemplate template, TemplateCaller caller, int? expectedVersion, string? changeNote = null, CancellationToken cancellationToken = default);

    /// <summary>Gets every version of a template the caller may read, oldest first.</summary>
    /// <param name="id">The template id.</param>
    /// <param name="caller">Who is asking.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The versions; empty when none are visible.</returns>
    Task<IReadOnlyList<StoredTemplate>> GetHistoryAsync(string id, TemplateCaller caller, CancellationToken cancellationToken = default);
}
