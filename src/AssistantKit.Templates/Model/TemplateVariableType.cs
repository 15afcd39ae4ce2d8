namespace AssistantKit.Templates;

/// <summary>The kind of value a template variable takes.</summary>
public enum TemplateVariableType
{
    /// <summary>Any text.</summary>
    Text,

    /// <summary>A number (invariant culture, for example <c>3.5</c>).</summary>
    Number,

    /// <summary>A date, ISO-8601 (<c>2025-01-31</c>).</summary>
    Date,

    /// <summary>One of <see cref="TemplateVariable.Options"/>.</summary>
    Select,
}
