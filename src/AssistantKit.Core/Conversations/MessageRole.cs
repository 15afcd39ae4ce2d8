namespace AssistantKit;

/// <summary>Who wrote a <see cref="ConversationMessage"/>.</summary>
public enum MessageRole
{
    /// <summary>Instructions that set up the assistant (system or developer prompt).</summary>
    System,

    /// <summary>A person talking to the assistant.</summary>
    User,

    /// <summary>The assistant (the model).</summary>
    Assistant,

    /// <summary>The output of a tool the assistant called.</summary>
    Tool,
}
