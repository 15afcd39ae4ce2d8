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
