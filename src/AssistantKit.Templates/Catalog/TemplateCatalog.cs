using System.Globalization;
using AssistantKit.Templates.Serialization;

namespace AssistantKit.Templates;

/// <summary>
/// An immutable, thread-safe catalog of templates per culture with a search index. <see cref="BuiltIn"/> holds the
/// templates that ship with AssistantKit, in English and German.
/// </summary>
public sealed class TemplateCatalog : ITemplateCatalog
{
    private const string FallbackCulture = "en";

    private static readonly Lazy<TemplateCatalog> BuiltInCatalog = new(LoadBuiltIn);

    private readonly Dictionary<string, TemplateIndex> _cultures;

    /// <summary>Initializes a new instance from templates per culture (two-letter language: <c>en</c>, <c>de</c> …).</summary>
    /// <param name="templatesByCulture">The templates of each culture; <c>en</c> is the fallback.</param>
    public TemplateCatalog(IReadOnlyDictionary<string, IReadOnlyList<AssistantTemplate>> templatesByCulture)
    {
        ArgumentNullException.ThrowIfNull(templatesByCulture);
        _cultures = templatesByCulture.ToDictionary(static p => p.Key.ToLowerInvariant(), static p => new TemplateIndex(p.Value), StringComparer.Ordinal);
    }

    /// <summary>Gets the built-in catalog: Customer Support Agent, Creative Writer, Technical Expert, Business Analyst and Language Tutor, in English and German.</summary>
    public static TemplateCatalog BuiltIn => BuiltInCatalog.Value;

    /// <summary>Gets the cultures the catalog has.</summary>
    public IReadOnlyCollection<string> Cultures => _cultures.Keys;

    /// <summary>Creates a catalog of one culture.</summary>
    /// <param name="templates">The templates.</param>
    /// <param name="culture">The culture.</param>
    /// <returns>The catalog.</returns>
    public static TemplateCatalog FromTemplates(IEnumerable<AssistantTemplate> templates, string culture = FallbackCulture) =>
        new(new Dictionary<string, IReadOnlyList<AssistantTemplate>> { [culture] = templates.ToList() });

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AssistantTemplate>> ListAsync(TemplateQuery? query = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        query ??= new TemplateQuery();
        return ValueTask.FromResult<IReadOnlyList<AssistantTemplate>>(Index(query.Culture).Filter(query).Skip(Math.Max(0, query.Skip)).Take(Math.Max(0, query.Take)).ToList());
    }

    /// <inheritdoc />
    public ValueTask<AssistantTemplate?> GetAsync(string id, string? culture = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        var template = Index(culture).Get(id) ?? (_cultures.TryGetValue(FallbackCulture, out var fallback) ? fallback.Get(id) : null);
        return ValueTask.FromResult(template);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TemplateSearchResult>> SearchAsync(TemplateQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<TemplateSearchResult>>(Index(query.Culture).Search(query).Skip(Math.Max(0, query.Skip)).Take(Math.Max(0, query.Take)).ToList());
    }

    private TemplateIndex Index(string? culture)
    {
        var language = string.IsNullOrEmpty(culture) ? FallbackCulture : TwoLetter(culture);
        return _cultures.TryGetValue(language, out var index) ? index
            : _cultures.TryGetValue(FallbackCulture, out var fallback) ? fallback
            : _cultures.Values.FirstOrDefault() ?? new TemplateIndex([]);
    }

    private static string TwoLetter(string culture)
    {
        try
        {
            return CultureInfo.GetCultureInfo(culture).TwoLetterISOLanguageName;
        }
        catch (CultureNotFoundException)
        {
            return culture.ToLowerInvariant();
        }
    }

    private static TemplateCatalog LoadBuiltIn()
    {
        var cultures = new Dictionary<string, IReadOnlyList<AssistantTemplate>>();
        foreach (var culture in new[] { "en", "de" })
        {
            using var stream = typeof(TemplateCatalog).Assembly.GetManifestResourceStream($"AssistantKit.Templates.builtin-{culture}.json")
                ?? throw new InvalidOperationException($"The built-in template catalog for '{culture}' is missing from the assembly.");
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            cultures[culture] = TemplateJson.Read(memory.ToArray());
        }

        return new TemplateCatalog(cultures);
    }
}
