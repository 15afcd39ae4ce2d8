namespace AssistantKit.Templates;

/// <summary>Rendering failed; <see cref="Errors"/> lists every problem at once (all missing variables, all invalid values).</summary>
public sealed class TemplateRenderException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="templateId">The template.</param>
    /// <param name="missing">The variables that have no value.</param>
    /// <param name="errors">Every problem, for people.</param>
    public TemplateRenderException(string templateId, IReadOnlyList<string> missing, IReadOnlyList<string> errors)
        : base($"Template '{templateId}' cannot be rendered: {string.Join("; ", errors)}")
    {
        TemplateId = templateId;
        MissingVariables = missing;
        Errors = errors;
    }

    /// <summary>Gets the template id.</summary>
    public string TemplateId { get; }

    /// <summary>Gets the names of the variables that have no value.</summary>
    public IReadOnlyList<string> MissingVariables { get; }

    /// <summary>Gets every problem found.</summary>
    public IReadOnlyList<string> Errors { get; }
}
