namespace AssistantKit.Templates.Serialization;

/// <summary>A problem found while validating a template document: where, which rule, what.</summary>
/// <param name="Path">The JSON path (for example <c>$.templates[2].temperature</c>).</param>
/// <param name="Rule">The rule's short name (for example <c>range</c>, <c>required</c>, <c>maxLength</c>).</param>
/// <param name="Message">What is wrong, for people.</param>
public sealed record TemplateValidationError(string Path, string Rule, string Message);
