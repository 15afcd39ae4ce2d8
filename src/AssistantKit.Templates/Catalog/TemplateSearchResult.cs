namespace AssistantKit.Templates;

/// <summary>A search hit and how well it matched (higher is better: name beats tags beats description beats instructions).</summary>
/// <param name="Template">The template.</param>
/// <param name="Score">The relevance.</param>
public sealed record TemplateSearchResult(AssistantTemplate Template, double Score);
