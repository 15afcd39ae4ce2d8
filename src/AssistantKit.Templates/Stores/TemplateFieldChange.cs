namespace AssistantKit.Templates;

/// <summary>A field that differs between two versions.</summary>
/// <param name="Field">The field name (for example <c>instructions</c>).</param>
/// <param name="Before">The old value as text.</param>
/// <param name="After">The new value as text.</param>
public sealed record TemplateFieldChange(string Field, string? Before, string? After);
