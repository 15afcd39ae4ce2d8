namespace AssistantKit.Templates;

/// <summary>A user and assistant exchange that shows the template's intended behaviour (few-shot example).</summary>
public sealed record TemplateExample
{
    /// <summary>Gets what the user says.</summary>
    public required string User { get; init; }

    /// <summary>Gets how the assistant answers.</summary>
    public required string Assistant { get; init; }
}
