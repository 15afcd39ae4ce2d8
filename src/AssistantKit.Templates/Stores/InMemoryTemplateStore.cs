namespace AssistantKit.Templates;

/// <summary>A template store in memory: for tests, demos and hosts that persist elsewhere. Thread-safe.</summary>
public sealed class InMemoryTemplateStore : TemplateStoreBase
{
    private readonly Dictionary<string, List<StoredTemplate>> _versions = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Initializes a new instance.</summary>
    /// <param name="timeProvider">The clock, or <see langword="null"/> for the system clock.</param>
    public InMemoryTemplateStore(TimeProvider? timeProvider = null)
        : base(timeProvider ?? TimeProvider.System)
    {
    }

    /// <inheritdoc />
    protected override Task<IReadOnlyList<StoredTemplate>> LoadVersionsAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StoredTemplate>>(_versions.TryGetValue(id, out var list) ? list.ToArray() : []);
        }
    }

    /// <inheritdoc />
    protected override Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<string>>(_versions.Keys.Order(StringComparer.Ordinal).ToArray());
        }
    }

    /// <inheritdoc />
    protected override Task<bool> TryAppendAsync(StoredTemplate version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_versions.TryGetValue(version.Template.Id, out var list))
            {
                _versions[version.Template.Id] = list = [];
            }

            if (list.Count + 1 != version.Version)
            {
                return Task.FromResult(false);
            }

            list.Add(version);
            return Task.FromResult(true);
        }
    }
}
