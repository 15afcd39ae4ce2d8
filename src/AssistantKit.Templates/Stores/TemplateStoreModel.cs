namespace AssistantKit.Templates;

/// <summary>Who is calling a template store: a user and the groups they belong to.</summary>
/// <param name="UserId">The user id.</param>
/// <param name="Groups">The user's groups (a template shared with <c>group:NAME</c> is visible to members of NAME).</param>
public sealed record TemplateCaller(string UserId, IReadOnlyList<string> Groups)
{
    /// <summary>Creates a caller.</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="groups">The user's groups.</param>
    /// <returns>The caller.</returns>
    public static TemplateCaller For(string userId, params string[] groups) => new(userId, groups);

    /// <summary>Returns whether this caller may read <paramref name="template"/>.</summary>
    /// <param name="template">The template.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    public bool CanRead(AssistantTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.OwnerId == UserId
            || template.Visibility == TemplateVisibility.Public
            || (template.Visibility == TemplateVisibility.Shared
                && template.SharedWith.Any(s => s == UserId || (s.StartsWith("group:", StringComparison.Ordinal) && Groups.Contains(s[6..], StringComparer.Ordinal))));
    }

    /// <summary>Returns whether this caller may change <paramref name="template"/> (only its owner may).</summary>
    /// <param name="template">The template.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    public bool CanWrite(AssistantTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.OwnerId == UserId;
    }
}

/// <summary>One immutable version of a stored template.</summary>
public sealed record StoredTemplate
{
    /// <summary>Gets the template as saved.</summary>
    public required AssistantTemplate Template { get; init; }

    /// <summary>Gets the version number, from 1.</summary>
    public required int Version { get; init; }

    /// <summary>Gets when it was saved.</summary>
    public required DateTimeOffset SavedAt { get; init; }

    /// <summary>Gets who saved it.</summary>
    public string? SavedBy { get; init; }

    /// <summary>Gets the change note, or <see langword="null"/>.</summary>
    public string? ChangeNote { get; init; }

    /// <summary>Gets an entity tag for HTTP caching and conditional requests.</summary>
    public string ETag => $"\"{Template.Id}-v{Version}\"";
}

/// <summary>A field that differs between two versions.</summary>
/// <param name="Field">The field name (for example <c>instructions</c>).</param>
/// <param name="Before">The old value as text.</param>
/// <param name="After">The new value as text.</param>
public sealed record TemplateFieldChange(string Field, string? Before, string? After);

/// <summary>Somebody saved the template since the caller read it: the save was not made.</summary>
public sealed class TemplateConcurrencyException : InvalidOperationException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="templateId">The template.</param>
    /// <param name="expectedVersion">The version the caller based the change on (<see langword="null"/> for "new").</param>
    /// <param name="actualVersion">The current version (<see langword="null"/> when none exists).</param>
    public TemplateConcurrencyException(string templateId, int? expectedVersion, int? actualVersion)
        : base(expectedVersion is null
            ? $"Template '{templateId}' already exists (version {actualVersion}); load it and save with expectedVersion {actualVersion}."
            : $"Template '{templateId}' was changed by someone else: expected version {expectedVersion}, current version {actualVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}. Reload, reapply your change and save again.")
    {
        TemplateId = templateId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Gets the template id.</summary>
    public string TemplateId { get; }

    /// <summary>Gets the version the caller expected.</summary>
    public int? ExpectedVersion { get; }

    /// <summary>Gets the current version.</summary>
    public int? ActualVersion { get; }
}

/// <summary>The caller may not change this template (only its owner may).</summary>
public sealed class TemplateAccessDeniedException : UnauthorizedAccessException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="templateId">The template.</param>
    /// <param name="userId">The caller.</param>
    public TemplateAccessDeniedException(string templateId, string userId)
        : base($"User '{userId}' may not change template '{templateId}'; only its owner may.")
    {
        TemplateId = templateId;
        UserId = userId;
    }

    /// <summary>Gets the template id.</summary>
    public string TemplateId { get; }

    /// <summary>Gets the caller's user id.</summary>
    public string UserId { get; }
}

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
