using System.Globalization;
using System.Text;

namespace AssistantKit.Templates;

/// <summary>
/// An immutable search index over one culture's templates: every word of name, tags, description and instructions,
/// folded (lower case, no diacritics, ß → ss) and sorted, so a query word finds its matches by binary search.
/// </summary>
internal sealed class TemplateIndex
{
    private const double NameWeight = 8, TagWeight = 4, DescriptionWeight = 2, InstructionsWeight = 1;

    private readonly AssistantTemplate[] _templates;
    private readonly HashSet<string>[] _tags;
    private readonly string[] _words;
    private readonly int[] _entries;
    private readonly double[] _weights;
    private readonly Dictionary<string, int> _byId;

    public TemplateIndex(IEnumerable<AssistantTemplate> templates)
    {
        _templates = templates.DistinctBy(static t => t.Id, StringComparer.Ordinal).OrderBy(static t => t.Name, StringComparer.CurrentCultureIgnoreCase).ToArray();
        _tags = _templates.Select(static t => t.Tags.Select(Fold).ToHashSet(StringComparer.Ordinal)).ToArray();
        _byId = _templates.Select(static (t, i) => (t.Id, i)).ToDictionary(static p => p.Id, static p => p.i, StringComparer.Ordinal);
        var postings = new List<(string Word, int Entry, double Weight)>();
        for (var i = 0; i < _templates.Length; i++)
        {
            var template = _templates[i];
            Add(postings, template.Name, i, NameWeight);
            foreach (var tag in template.Tags)
            {
                Add(postings, tag, i, TagWeight);
            }

            Add(postings, template.Description, i, DescriptionWeight);
            Add(postings, template.Instructions, i, InstructionsWeight);
        }

        postings.Sort(static (a, b) => string.CompareOrdinal(a.Word, b.Word));
        _words = postings.Select(static p => p.Word).ToArray();
        _entries = postings.Select(static p => p.Entry).ToArray();
        _weights = postings.Select(static p => p.Weight).ToArray();
    }

    public IReadOnlyList<AssistantTemplate> Templates => _templates;

    public AssistantTemplate? Get(string id) => _byId.TryGetValue(id, out var i) ? _templates[i] : null;

    public IEnumerable<AssistantTemplate> Filter(TemplateQuery query) => Candidates(query).Select(i => _templates[i]);

    public List<TemplateSearchResult> Search(TemplateQuery query)
    {
        var tokens = Words(query.Text ?? "").Distinct(StringComparer.Ordinal).ToArray();
        if (tokens.Length == 0)
        {
            return Candidates(query).Select(i => new TemplateSearchResult(_templates[i], 0)).ToList();
        }

        Dictionary<int, double>? total = null;
        foreach (var token in tokens)
        {
            var scores = new Dictionary<int, double>();
            for (var k = LowerBound(token); k < _words.Length && _words[k].StartsWith(token, StringComparison.Ordinal); k++)
            {
                var score = _weights[k] * (_words[k].Length == token.Length ? 1.5 : 1.0);
                scores[_entries[k]] = Math.Max(scores.GetValueOrDefault(_entries[k]), score);
            }

            if (total is null)
            {
                total = scores;
            }
            else
            {
                foreach (var entry in total.Keys.ToList())
                {
                    if (scores.TryGetValue(entry, out var score))
                    {
                        total[entry] += score;
                    }
                    else
                    {
                        total.Remove(entry); // every word must match
                    }
                }
            }

            if (total.Count == 0)
            {
                break;
            }
        }

        var allowed = Candidates(query with { Skip = 0, Take = int.MaxValue }).ToHashSet();
        return total!.Where(p => allowed.Contains(p.Key))
            .OrderByDescending(static p => p.Value).ThenBy(p => _templates[p.Key].Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(p => new TemplateSearchResult(_templates[p.Key], p.Value)).ToList();
    }

    /// <summary>Lower case, diacritics removed, ß → ss: "Übersetzung" and "ubersetzung" fold to the same text.</summary>
    internal static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark:
                    break;
                default:
                    if (c == 'ß')
                    {
                        builder.Append("ss");
                    }
                    else
                    {
                        builder.Append(char.ToLowerInvariant(c));
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private static IEnumerable<string> Words(string text)
    {
        var folded = Fold(text);
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var isWordChar = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                yield return folded[start..i];
                start = -1;
            }
        }
    }

    private static void Add(List<(string, int, double)> postings, string text, int entry, double weight)
    {
        foreach (var word in Words(text).Distinct(StringComparer.Ordinal))
        {
            postings.Add((word, entry, weight));
        }
    }

    private IEnumerable<int> Candidates(TemplateQuery query)
    {
        var tags = query.Tags.Select(Fold).ToArray();
        return Enumerable.Range(0, _templates.Length)
            .Where(i => (query.Category is null || _templates[i].Category == query.Category)
                && (query.IsActive is null || _templates[i].IsActive == query.IsActive)
                && tags.All(_tags[i].Contains));
    }

    private int LowerBound(string token)
    {
        int lo = 0, hi = _words.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(_words[mid], token) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
