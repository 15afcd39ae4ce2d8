namespace AssistantKit.Templates;

/// <summary>A <c>{{name}}</c> placeholder a template declares.</summary>
public sealed record TemplateVariable
{
    /// <summary>Gets the name used in <c>{{name}}</c>: letters, digits and underscores.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the kind of value.</summary>
    public TemplateVariableType Type { get; init; } = TemplateVariableType.Text;

    /// <summary>Gets a value indicating whether rendering fails without a value (and without <see cref="Default"/>).</summary>
    public bool Required { get; init; }

    /// <summary>Gets the value used when none is given, or <see langword="null"/>.</summary>
    public string? Default { get; init; }

    /// <summary>Gets what the variable is for, for people filling it in.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the allowed values of a <see cref="TemplateVariableType.Select"/> variable.</summary>
    public IReadOnlyList<string> Options { get; init => field = value ?? []; } = [];
}
