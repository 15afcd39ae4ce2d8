using System.Text.Json;

namespace AssistantKit;

/// <summary>A conversation between people and an assistant: the unit that AssistantKit exports and imports.</summary>
/// <remarks>
/// A conversation is immutable; derive changed copies with <c>with</c>. Its JSON form is documented in
/// <c>docs/conversation-json.md</c> and read and written by <see cref="Serialization.ConversationJson"/>.
/// </remarks>
public sealed record Conversation
{
    /// <summary>Gets the conversation identifier.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the title, or <see langword="null"/> when the conversation has none.</summary>
    public string? Title { get; init; }

    /// <summary>Gets when the conversation was created, or <see langword="null"/> when unknown.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets when the conversation was last updated, or <see langword="null"/> when unknown.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Gets the model the conversation used by default, or <see langword="null"/>.</summary>
    public string? DefaultModel { get; init; }

    /// <summary>Gets the people, assistants and tools taking part.</summary>
    public IReadOnlyList<Participant> Participants { get; init => field = value ?? []; } = [];

    /// <summary>Gets additional properties, as JSON values.</summary>
    public IReadOnlyDictionary<string, JsonElement> Metadata { get; init => field = value ?? EmptyMetadata.Instance; } = EmptyMetadata.Instance;

    /// <summary>
    /// Gets the messages in conversation order. When they branch (<see cref="ConversationMessage.ParentId"/> links with
    /// more than one reply to a message: an edited question, a regenerated answer), the branch the conversation shows is
    /// the one that ends with the last message; the others are its alternatives. Importers keep that order, and document
    /// exports show that branch (and, with <c>ExportOptions.IncludeAlternatives</c>, the others).
    /// </summary>
    public IReadOnlyList<ConversationMessage> Messages { get; init => field = value ?? []; } = [];
}
