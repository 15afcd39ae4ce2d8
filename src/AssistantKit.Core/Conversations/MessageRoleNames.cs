namespace AssistantKit;

/// <summary>
/// The wire names of <see cref="MessageRole"/> (<c>system</c>, <c>user</c>, <c>assistant</c>, <c>tool</c>): the one
/// definition that the conversation JSON, CSV cells, HTML classes and third-party formatters share.
/// </summary>
public static class MessageRoleNames
{
    /// <summary>Gets the wire name of a role.</summary>
    /// <param name="role">The role.</param>
    /// <returns><c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="role"/> is not a defined <see cref="MessageRole"/>.</exception>
    public static string ToWireName(this MessageRole role) => role switch
    {
        MessageRole.System => "system",
        MessageRole.User => "user",
        MessageRole.Assistant => "assistant",
        MessageRole.Tool => "tool",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown message role."),
    };

    /// <summary>The wire name as UTF-8, for writers that write bytes.</summary>
    internal static ReadOnlySpan<byte> ToWireNameUtf8(MessageRole role) => role switch
    {
        MessageRole.System => "system"u8,
        MessageRole.User => "user"u8,
        MessageRole.Assistant => "assistant"u8,
        MessageRole.Tool => "tool"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown message role."),
    };

    /// <summary>Reads a wire name; the comparison is ordinal (the names are lower case on the wire).</summary>
    /// <param name="name">The wire name.</param>
    /// <param name="role">The role, when the name is known.</param>
    /// <returns><see langword="true"/> when <paramref name="name"/> is one of the four wire names.</returns>
    public static bool TryParse(ReadOnlySpan<char> name, out MessageRole role)
    {
        switch (name)
        {
            case "system": role = MessageRole.System; return true;
            case "user": role = MessageRole.User; return true;
            case "assistant": role = MessageRole.Assistant; return true;
            case "tool": role = MessageRole.Tool; return true;
            default: role = default; return false;
        }
    }
}
