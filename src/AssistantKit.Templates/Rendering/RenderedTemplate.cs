namespace AssistantKit.Templates;

/// <summary>A template with its variables filled in: the system prompt and the examples, ready for a chat client.</summary>
public sealed record RenderedTemplate
{
    /// <summary>Gets the template that was rendered.</summary>
    public required AssistantTemplate Template { get; init; }

    /// <summary>Gets the system prompt: the personality, a blank line, the instructions.</summary>
    public required string SystemPrompt { get; init; }

    /// <summary>Gets the examples with their variables filled in.</summary>
    public required IReadOnlyList<TemplateExample> Examples { get; init; }
}
