using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AssistantKit.Text;

namespace AssistantKit.Import.Formats;

/// <summary>
/// Turns ChatGPT's citation markers into what ChatGPT shows: inline links with the source's title. Two generations
/// exist: <c>metadata.citations</c> (offsets, in code points, of markers such as <c>【3:0†source】</c>) and
/// <c>metadata.content_references</c> (the <c>matched_text</c> of private-use markers such as
/// <c>U+E200 cite U+E202 turn0search1 U+E201</c>, with <c>items</c> or an <c>alt</c> text). Markers left without a
/// source are removed, with a warning; every source is kept in the message metadata as <c>chatgpt.sources</c>.
/// </summary>
internal static partial class ChatGptCitations
{
    public const string SourcesKey = "chatgpt.sources";

    public static string Apply(string text, JsonElement metadata, Dictionary<string, JsonElement> kept, ImportContext context, string path)
    {
        var edits = new List<(int Start, int End, string Replacement)>();
        var sources = new List<(string? Title, string Url)>();
        var from = 0;
        foreach (var reference in metadata.Array("content_references"))
        {
            var cited = Sources(reference.Array("items").Prepend(reference)).ToList();
            sources.AddRange(cited);
            var matched = reference.String("matched_text");
            var at = string.IsNullOrWhiteSpace(matched) ? -1 : text.IndexOf(matched, from, StringComparison.Ordinal);
            at = at < 0 && !string.IsNullOrWhiteSpace(matched) ? text.IndexOf(matched, StringComparison.Ordinal) : at;
            if (at < 0)
            {
                continue; // a footnote, or a reference to nothing in the text: its sources are kept all the same
            }

            edits.Add((at, at + matched!.Length, cited.Count > 0 ? Links(cited) : reference.String("alt") ?? ""));
            from = at + matched.Length;
        }

        foreach (var citation in metadata.Array("citations"))
        {
            if (Range(text, citation.Long("start_ix"), citation.Long("end_ix")) is { } range && text[range.Start] == '【' && text[range.End - 1] == '】')
            {
                var cited = citation.Object("metadata") is { } source ? Sources([source]).ToList() : [];
                sources.AddRange(cited);
                edits.Add((range.Start, range.End, Links(cited)));
            }
        }

        var result = new StringBuilder(text.Length);
        var position = 0;
        foreach (var (start, end, replacement) in edits.OrderBy(static e => e.Start))
        {
            if (start >= position)
            {
                result.Append(text, position, start - position);
                result.Append(start > 0 && char.IsWhiteSpace(text[start - 1]) ? replacement.TrimStart() : replacement);
                position = end;
            }
        }

        result.Append(text, position, text.Length - position);
        var removed = 0;
        var cleaned = OrphanMarker().Replace(result.ToString(), _ =>
        {
            removed++;
            return "";
        });
        if (removed > 0)
        {
            context.Warn(string.Create(CultureInfo.InvariantCulture, $"{removed} citation marker(s) without a source were removed from the text"), path);
        }

        if (sources.Count > 0)
        {
            kept[SourcesKey] = Json(sources.DistinctBy(static s => s.Url));
        }

        return cleaned;
    }

    /// <summary>The (title, URL) pairs of sources with a web address.</summary>
    private static IEnumerable<(string? Title, string Url)> Sources(IEnumerable<JsonElement> sources) =>
        sources.Select(static s => (Title: s.String("title") ?? s.String("attribution") ?? s.String("name"), Url: s.String("url")))
            .Where(static s => !string.IsNullOrEmpty(s.Url))
            .Select(static s => (s.Title, s.Url!));

    private static string Links(List<(string? Title, string Url)> sources)
    {
        if (sources.Count == 0)
        {
            return "";
        }

        var links = sources.DistinctBy(static s => s.Url).Select(static s =>
        {
            var title = Escape(string.IsNullOrWhiteSpace(s.Title) ? Host(s.Url) : s.Title);
            return MarkdownRules.IsSafeLink(s.Url) ? $"[{title}](<{s.Url.Replace(">", "%3E", StringComparison.Ordinal)}>)" : title;
        });
        return $" ({string.Join(", ", links)})";
    }

    private static string Host(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : url;

    private static string Escape(string text) => MarkdownSpecial().Replace(text.ReplaceLineEndings(" "), @"\$0");

    /// <summary>Code point offsets (as Python counts them) to a UTF-16 range, or <see langword="null"/> when outside the text.</summary>
    private static (int Start, int End)? Range(string text, long? start, long? end)
    {
        if (start is not { } s || end is not { } e || s < 0 || e <= s || e > text.Length)
        {
            return null;
        }

        int? startIndex = null;
        var codePoint = 0;
        for (var i = 0; i <= text.Length; codePoint++)
        {
            if (codePoint == s)
            {
                startIndex = i;
            }

            if (codePoint == e)
            {
                return startIndex is { } first ? (first, i) : null;
            }

            if (i == text.Length)
            {
                break;
            }

            i += char.IsSurrogatePair(text, i) ? 2 : 1;
        }

        return null;
    }

    private static JsonElement Json(IEnumerable<(string? Title, string Url)> sources)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (title, url) in sources)
            {
                writer.WriteStartObject();
                if (title is not null)
                {
                    writer.WriteString("title", title);
                }

                writer.WriteString("url", url);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>A marker of either generation, with the space before it: <c>【12†source】</c>, <c>【3:0†title†domain】</c>, or U+E200 … U+E201 (or a stray U+E200–U+E206).</summary>
    [GeneratedRegex("[ \t]?(?:【\\d+(?::\\d+)?†[^【】\\n]{0,300}】|\uE200[^\uE200\uE201]{0,1000}\uE201)|[\uE200-\uE206]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex OrphanMarker();

    [GeneratedRegex(@"[\\\[\]*_`<>]", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownSpecial();
}
