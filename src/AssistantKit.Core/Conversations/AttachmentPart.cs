namespace AssistantKit;

/// <summary>A file or image attached to a message, by reference (<see cref="Uri"/>) or inline (<see cref="Data"/>).</summary>
public sealed record AttachmentPart : MessagePart
{
    /// <summary>Gets the attachment's file name, or <see langword="null"/>.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the media type (for example <c>image/png</c>), or <see langword="null"/>.</summary>
    public string? MediaType { get; init; }

    /// <summary>Gets where the attachment lives, or <see langword="null"/> when it is inline.</summary>
    public Uri? Uri { get; init; }

    /// <summary>Gets the inline bytes (base64 in JSON), or <see langword="null"/> when referenced by <see cref="Uri"/>.</summary>
    public ReadOnlyMemory<byte>? Data { get; init; }
}
