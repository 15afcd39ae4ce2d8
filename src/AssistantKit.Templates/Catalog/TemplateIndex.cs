using System.Buffers;
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

    /// <summary>Scores every template that matches all query words, then keeps the best <c>Skip + Take</c> (ties: by name).</summary>
    public List<TemplateSearchResult> Search(TemplateQuery query)
    {
        var tokens = Words(query.Text ?? "").Distinct(StringComparer.Ordinal).ToArray();
        if (tokens.Length == 0)
        {
            return Candidates(query).Select(i => new TemplateSearchResult(_templates[i], 0)).ToList();
        }

        var n = _templates.Length;
        var total = ArrayPool<double>.Shared.Rent(n);
        var best = ArrayPool<double>.Shared.Rent(n);
        var matched = ArrayPool<int>.Shared.Rent(n);
        try
        {
            Array.Clear(total, 0, n);
            Array.Clear(best, 0, n);
            Array.Clear(matched, 0, n);
            return Rank(query, tokens, total, best, matched);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(total);
            ArrayPool<double>.Shared.Return(best);
            ArrayPool<int>.Shared.Return(matched);
        }
    }

    private List<TemplateSearchResult> Rank(TemplateQuery query, string[] tokens, double[] total, double[] best, int[] matched)
    {
        var n = _templates.Length;
        var touched = new List<int>();
        for (var t = 0; t < tokens.Length; t++)
        {
            var token = tokens[t];
            touched.Clear();
            for (var k = LowerBound(token); k < _words.Length && _words[k].StartsWith(token, StringComparison.Ordinal); k++)
            {
                var entry = _entries[k];
                if (matched[entry] != t)
                {
                    continue; // an earlier word did not match this template
                }

                var score = _weights[k] * (_words[k].Length == token.Length ? 1.5 : 1.0);
                if (best[entry] == 0)
                {
                    touched.Add(entry);
                }

                best[entry] = Math.Max(best[entry], score);
            }

            foreach (var entry in touched)
            {
                matched[entry]++;
                total[entry] += best[entry];
                best[entry] = 0;
            }
        }

        // Keep the best Skip + Take in a bounded heap whose root is the worst kept hit.
        var keep = (int)Math.Min((long)Math.Max(0, query.Skip) + Math.Max(0, query.Take), n);
        var heap = new PriorityQueue<int, (double Score, int Entry)>(keep + 1, WorstFirst.Instance);
        var tags = query.Tags.Select(Fold).ToArray();
        for (var entry = 0; entry < n && keep > 0; entry++)
        {
            if (matched[entry] != tokens.Length || !Passes(entry, query, tags))
            {
                continue;
            }

            heap.Enqueue(entry, (total[entry], entry));
            if (heap.Count > keep)
            {
                heap.Dequeue();
            }
        }

        var results = new List<TemplateSearchResult>(heap.Count);
        while (heap.TryDequeue(out var entry, out var priority))
        {
            results.Add(new TemplateSearchResult(_templates[entry], priority.Score));
        }

        results.Reverse();
        return results;
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
        return Enumerable.Range(0, _templates.Length).Where(i => Passes(i, query, tags));
    }

    private bool Passes(int entry, TemplateQuery query, string[] foldedTags) =>
        (query.Category is null || _templates[entry].Category == query.Category)
        && (query.IsActive is null || _templates[entry].IsActive == query.IsActive)
        && foldedTags.All(_tags[entry].Contains);

    /// <summary>Orders hits so the worst comes first: lower score, then later in name order (entries are sorted by name).</summary>
    private sealed class WorstFirst : IComparer<(double Score, int Entry)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((double Score, int Entry) x, (double Score, int Entry) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Entry.CompareTo(x.Entry);
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
