using System.Text.Json;

namespace AssistantKit;

/// <summary>One message of a <see cref="Conversation"/>.</summary>
/// <remarks>
/// <see cref="Content"/> is the message as Markdown, which is what people read; <see cref="Parts"/> keeps
/// what text alone would lose (code with its language, tool calls and results, reasoning, attachments).
/// Messages form a tree through <see cref="ParentId"/> when a conversation has branches.
/// </remarks>
public sealed record ConversationMessage
{
    /// <summary>Gets the message identifier, unique within its conversation.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the identifier of the message this one answers or follows, or <see langword="null"/> for a root.</summary>
    public string? ParentId { get; init; }

    /// <summary>Gets who wrote the message.</summary>
    public required MessageRole Role { get; init; }

    /// <summary>Gets the <see cref="Participant.Id"/> of the author, or <see langword="null"/>.</summary>
    public string? AuthorId { get; init; }

    /// <summary>Gets the author's display name, or <see langword="null"/>.</summary>
    public string? AuthorName { get; init; }

    /// <summary>Gets the message text as Markdown (may be empty when the message only has <see cref="Parts"/>).</summary>
    public string Content { get; init => field = value ?? ""; } = "";

    /// <summary>Gets structured content, in order.</summary>
    public IReadOnlyList<MessagePart> Parts { get; init => field = value ?? []; } = [];

    /// <summary>Gets when the message was created, with its offset, or <see langword="null"/> when unknown.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets the model that produced the message, or <see langword="null"/>.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the token usage reported for the message, or <see langword="null"/>.</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>Gets additional properties, as JSON values.</summary>
    public IReadOnlyDictionary<string, JsonElement> Metadata { get; init => field = value ?? EmptyMetadata.Instance; } = EmptyMetadata.Instance;
}
