using System.Text.Json;

namespace AssistantKit;

/// <summary>A person, assistant or tool taking part in a conversation (the "user info" of an export).</summary>
public sealed record Participant
{
    /// <summary>Gets the participant's identifier, referenced by <see cref="ConversationMessage.AuthorId"/>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the display name, or <see langword="null"/> when unknown.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the role this participant speaks in.</summary>
    public MessageRole Role { get; init; } = MessageRole.User;

    /// <summary>Gets the participant's e-mail address, or <see langword="null"/>.</summary>
    public string? Email { get; init; }

    /// <summary>Gets additional properties, as JSON values.</summary>
    public IReadOnlyDictionary<string, JsonElement> Metadata { get; init => field = value ?? EmptyMetadata.Instance; } = EmptyMetadata.Instance;
}
