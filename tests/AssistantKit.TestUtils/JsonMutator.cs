using System.Text;
using System.Text.Json.Nodes;

namespace AssistantKit.TestUtils;

/// <summary>
/// Deterministic mutations of a valid JSON document, for hostile-input properties: at a path chosen by the seed, a value
/// swapped for another kind (number, string, null, array, object, bool, an out-of-range number or time), a key deleted
/// or duplicated, the text truncated, invalid UTF-8 or a lone surrogate written into a string, a byte-order mark added,
/// deep nesting. The same seed gives the same mutant, so a failure names the input that broke the contract.
/// </summary>
public static class JsonMutator
{
    private static readonly string[] Replacements =
    [
        "0", "-1", "1e400", "-1e400", "253402300800", "-62135596801", "1.5", "9223372036854775808", "\"\"", "\"x\"", "\"LONE-SURROGATE\"",
        "null", "true", "false", "[]", "{}", "[null]", "[1,\"a\",{}]", "{\"type\":5}", "\"2024-13-45T99:99:99Z\"", "\"" + new string('a', 5000) + "\"",
    ];

    /// <summary>Returns mutant number <paramref name="seed"/> of <paramref name="document"/> (UTF-8 JSON).</summary>
    public static byte[] Mutate(byte[] document, int seed)
    {
        ArgumentNullException.ThrowIfNull(document);
        var random = new Random(seed);
        return (seed % 8) switch
        {
            0 or 1 or 2 => ReplaceValue(document, random),
            3 => DeleteOrDuplicateKey(document, random),
            4 => document[..random.Next(document.Length)], // truncated anywhere
            5 => CorruptBytes(document, random),
            6 => [.. "\uFEFF"u8, .. document],
            _ => Nest(document, random),
        };
    }

    /// <summary>
    /// Feeds mutants 0 … <paramref name="mutants"/>−1 of <paramref name="document"/> to <paramref name="read"/> and returns
    /// one line per contract violation: an exception <paramref name="isDocumented"/> does not allow. The seed in each line
    /// gives the input back (<see cref="Mutate"/>).
    /// </summary>
    public static async Task<List<string>> ViolationsAsync(byte[] document, int mutants, Func<byte[], Task> read, Func<Exception, bool> isDocumented)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(isDocumented);
        var violations = new List<string>();
        for (var seed = 0; seed < mutants; seed++)
        {
            try
            {
                await read(Mutate(document, seed)).ConfigureAwait(false);
            }
            catch (Exception ex) when (!isDocumented(ex))
            {
                violations.Add($"seed {seed}: {ex.GetType().Name}: {ex.Message}");
            }
            catch (Exception)
            {
                // the reader's documented error
            }
        }

        return violations;
    }

    /// <summary>The message for a failed contract check: how many of how many, and the first violations.</summary>
    public static string Report(List<string> violations, int mutants) =>
        $"{violations?.Count} of {mutants:N0} mutants broke the contract (JsonMutator.Mutate(document, seed) gives each back):\n{string.Join("\n", violations?.Take(15) ?? [])}";

    private static byte[] ReplaceValue(byte[] document, Random random)
    {
        var root = JsonNode.Parse(document);
        var nodes = Descendants(root).ToList();
        if (nodes.Count == 0)
        {
            return document;
        }

        var target = nodes[random.Next(nodes.Count)];
        var replacement = JsonNode.Parse(Replacements[random.Next(Replacements.Length)]);
        if (target.Parent is JsonObject parent)
        {
            parent[target.GetPropertyName()] = replacement;
        }
        else if (target.Parent is JsonArray array)
        {
            array[target.GetElementIndex()] = replacement;
        }
        else
        {
            root = replacement;
        }

        // A writer refuses to write a lone surrogate, so it goes in as a marker and becomes the escape a reader sees.
        return Encoding.UTF8.GetBytes((root?.ToJsonString() ?? "null").Replace("LONE-SURROGATE", "\\ud800", StringComparison.Ordinal));
    }

    private static byte[] DeleteOrDuplicateKey(byte[] document, Random random)
    {
        var text = Encoding.UTF8.GetString(document);
        var keys = new List<int>();
        for (var i = text.IndexOf("\":", StringComparison.Ordinal); i >= 0; i = text.IndexOf("\":", i + 2, StringComparison.Ordinal))
        {
            keys.Add(i);
        }

        if (keys.Count == 0)
        {
            return document;
        }

        var end = keys[random.Next(keys.Count)];
        var start = text.LastIndexOf('"', end - 1);
        if (start < 0)
        {
            return document;
        }

        var key = text[start..(end + 2)];
        // Duplicate: "key": null, "key": <original>; delete: the key becomes a different one nobody reads.
        return Encoding.UTF8.GetBytes(random.Next(2) == 0 ? text.Insert(start, key + "null,") : text.Insert(start + 1, "zz_"));
    }

    private static byte[] CorruptBytes(byte[] document, Random random)
    {
        var copy = (byte[])document.Clone();
        for (var n = random.Next(1, 4); n > 0 && copy.Length > 0; n--)
        {
            copy[random.Next(copy.Length)] = (byte)(random.Next(3) switch { 0 => 0xFF, 1 => 0xC3, _ => random.Next(256) });
        }

        return copy;
    }

    private static byte[] Nest(byte[] document, Random random)
    {
        var depth = random.Next(2) == 0 ? 200 : 10_000;
        return [.. Encoding.ASCII.GetBytes(new string('[', depth)), .. document, .. Encoding.ASCII.GetBytes(new string(']', depth))];
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode? root)
    {
        var stack = new Stack<JsonNode>();
        if (root is not null)
        {
            stack.Push(root);
        }

        while (stack.TryPop(out var node))
        {
            yield return node;
            IEnumerable<JsonNode?> children = node switch
            {
                JsonObject o => o.Select(static p => p.Value),
                JsonArray a => a,
                _ => [],
            };
            foreach (var child in children)
            {
                if (child is not null)
                {
                    stack.Push(child);
                }
            }
        }
    }
}
