using AssistantKit.Templates.Serialization;

namespace AssistantKit.Templates;

/// <summary>
/// The rules every store shares (access, validation, versions, diff, rollback); a store only loads versions and
/// appends one atomically (<see cref="TryAppendAsync"/> fails when that version number already exists).
/// </summary>
public abstract class TemplateStoreBase : ITemplateStore
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="timeProvider">The clock for <see cref="StoredTemplate.SavedAt"/>.</param>
    protected TemplateStoreBase(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public async Task<StoredTemplate?> GetAsync(string id, TemplateCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var current = await LoadCurrentAsync(id, cancellationToken).ConfigureAwait(false);
        return current is not null && caller.CanRead(current.Template) ? current : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredTemplate>> ListAsync(TemplateCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var current = await LoadAllCurrentAsync(cancellationToken).ConfigureAwait(false);
        return current.Where(stored => caller.CanRead(stored.Template)).ToList();
    }

    /// <inheritdoc />
    public async Task<StoredTemplate> SaveAsync(AssistantTemplate template, TemplateCaller caller, int? expectedVersion, string? changeNote = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(caller);
        template = template.OwnerId is null ? template with { OwnerId = caller.UserId } : template;
        if (!caller.CanWrite(template))
        {
            throw new TemplateAccessDeniedException(template.Id, caller.UserId);
        }

        var errors = TemplateJson.Validate(template);
        if (errors.Count > 0)
        {
            throw new TemplateValidationException(errors);
        }

        var current = await LoadCurrentAsync(template.Id, cancellationToken).ConfigureAwait(false);
        if (current is not null && !caller.CanWrite(current.Template))
        {
            throw new TemplateAccessDeniedException(template.Id, caller.UserId);
        }

        if (current?.Version != expectedVersion)
        {
            throw new TemplateConcurrencyException(template.Id, expectedVersion, current?.Version);
        }

        var next = new StoredTemplate
        {
            Template = template,
            Version = (expectedVersion ?? 0) + 1,
            SavedAt = _timeProvider.GetUtcNow(),
            SavedBy = caller.UserId,
            ChangeNote = changeNote,
        };
        if (!await TryAppendAsync(next, cancellationToken).ConfigureAwait(false))
        {
            // Another writer appended this version number between our read and our write.
            var winner = await LoadCurrentAsync(template.Id, cancellationToken).ConfigureAwait(false);
            throw new TemplateConcurrencyException(template.Id, expectedVersion, winner?.Version);
        }

        return next;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredTemplate>> GetHistoryAsync(string id, TemplateCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var versions = await LoadVersionsAsync(id, cancellationToken).ConfigureAwait(false);
        return versions.Count > 0 && caller.CanRead(versions[^1].Template) ? versions : [];
    }

    /// <summary>Makes <paramref name="version"/> current again by saving it as a new version.</summary>
    /// <param name="id">The template id.</param>
    /// <param name="version">The version to restore.</param>
    /// <param name="caller">Who is restoring; must own the template.</param>
    /// <param name="expectedVersion">The current version the caller saw.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new version.</returns>
    public async Task<StoredTemplate> RollbackAsync(string id, int version, TemplateCaller caller, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var history = await GetHistoryAsync(id, caller, cancellationToken).ConfigureAwait(false);
        var target = history.FirstOrDefault(v => v.Version == version)
            ?? throw new KeyNotFoundException($"Template '{id}' has no version {version} visible to '{caller.UserId}'.");
        return await SaveAsync(target.Template, caller, expectedVersion, $"Rollback to version {version}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the fields that differ between two versions of a template (or any two templates).</summary>
    /// <param name="before">The older template.</param>
    /// <param name="after">The newer template.</param>
    /// <returns>The changed fields, in field order.</returns>
    public static IReadOnlyList<TemplateFieldChange> Diff(AssistantTemplate before, AssistantTemplate after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var left = System.Text.Json.JsonSerializer.SerializeToElement(before, TemplateJson.TypeInfo<AssistantTemplate>());
        var right = System.Text.Json.JsonSerializer.SerializeToElement(after, TemplateJson.TypeInfo<AssistantTemplate>());
        var names = left.EnumerateObject().Select(static p => p.Name).Union(right.EnumerateObject().Select(static p => p.Name)).ToList();
        var changes = new List<TemplateFieldChange>();
        foreach (var name in names)
        {
            var a = left.TryGetProperty(name, out var x) ? x : default;
            var b = right.TryGetProperty(name, out var y) ? y : default;
            if (a.ValueKind == System.Text.Json.JsonValueKind.Undefined || b.ValueKind == System.Text.Json.JsonValueKind.Undefined || !System.Text.Json.JsonElement.DeepEquals(a, b))
            {
                changes.Add(new TemplateFieldChange(name, Text(a), Text(b)));
            }
        }

        return changes;
    }

    /// <summary>Loads every version of a template, oldest first; empty when it does not exist.</summary>
    /// <param name="id">The template id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The versions.</returns>
    protected abstract Task<IReadOnlyList<StoredTemplate>> LoadVersionsAsync(string id, CancellationToken cancellationToken);

    /// <summary>Loads the current (last) version of a template; a store that can fetch it alone overrides this.</summary>
    /// <param name="id">The template id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The current version, or <see langword="null"/> when the template does not exist.</returns>
    protected virtual async Task<StoredTemplate?> LoadCurrentAsync(string id, CancellationToken cancellationToken) =>
        (await LoadVersionsAsync(id, cancellationToken).ConfigureAwait(false)).LastOrDefault();

    /// <summary>Loads the current version of every template, by id; a store that can fetch them in one query overrides this.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The current versions, ordered by id.</returns>
    protected virtual async Task<IReadOnlyList<StoredTemplate>> LoadAllCurrentAsync(CancellationToken cancellationToken)
    {
        var result = new List<StoredTemplate>();
        foreach (var id in await ListIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await LoadCurrentAsync(id, cancellationToken).ConfigureAwait(false) is { } current)
            {
                result.Add(current);
            }
        }

        return result;
    }

    /// <summary>Lists the ids of all stored templates.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ids.</returns>
    protected abstract Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken);

    /// <summary>Appends a version atomically; returns <see langword="false"/> when that version number already exists.</summary>
    /// <param name="version">The version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the version was appended.</returns>
    protected abstract Task<bool> TryAppendAsync(StoredTemplate version, CancellationToken cancellationToken);

    private static string? Text(System.Text.Json.JsonElement value) => value.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Undefined or System.Text.Json.JsonValueKind.Null => null,
        System.Text.Json.JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
