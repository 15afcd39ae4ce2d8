namespace AssistantKit.Text;

/// <summary>
/// The rules every AssistantKit writer of Markdown (and every renderer of it) follows for untrusted text: which link
/// targets may be followed, and which code fence cannot be closed by the code inside it. Public so that third-party
/// formatters keep the same rules as the built-in ones.
/// </summary>
public static class MarkdownRules
{
    /// <summary>
    /// Returns whether a link target may be followed from an exported document: absolute <c>http</c>, <c>https</c> and
    /// <c>mailto</c> URLs only (never <c>javascript:</c>, <c>vbscript:</c>, <c>file:</c> or <c>data:</c>).
    /// </summary>
    /// <param name="url">The link target as written in the source.</param>
    /// <returns><see langword="true"/> when a document may make it a clickable link.</returns>
    public static bool IsSafeLink(string? url) =>
        url is not null
        && (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        && Uri.TryCreate(url, UriKind.Absolute, out _);

    /// <summary>A fence of backticks longer than any run of backticks in <paramref name="code"/> (at least three), so the code cannot close it.</summary>
    /// <param name="code">The code the fence will enclose.</param>
    /// <returns>The fence, for example <c>```</c>.</returns>
    public static string CodeFence(ReadOnlySpan<char> code)
    {
        int longest = 0, current = 0;
        foreach (var c in code)
        {
            current = c == '`' ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return new string('`', Math.Max(3, longest + 1));
    }
}
