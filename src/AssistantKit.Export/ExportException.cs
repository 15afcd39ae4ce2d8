namespace AssistantKit.Export;

/// <summary>A formatter failed while writing a conversation.</summary>
public sealed class ExportException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="conversationId">The conversation being exported.</param>
    /// <param name="format">The format key.</param>
    /// <param name="innerException">The cause.</param>
    public ExportException(string message, string? conversationId, string format, Exception? innerException)
        : base(message, innerException)
    {
        ConversationId = conversationId;
        Format = format;
    }

    /// <summary>Gets the id of the conversation being exported.</summary>
    public string? ConversationId { get; }

    /// <summary>Gets the format key.</summary>
    public string Format { get; }
}
