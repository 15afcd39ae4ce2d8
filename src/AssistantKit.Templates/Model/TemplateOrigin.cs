namespace AssistantKit.Templates;

/// <summary>Where a customized template came from.</summary>
public sealed record TemplateOrigin
{
    /// <summary>Gets the id of the template it was made from.</summary>
    public required string TemplateId { get; init; }

    /// <summary>Gets the version of that template, or <see langword="null"/> for a built-in.</summary>
    public int? Version { get; init; }
}
