namespace AssistantKit.Templates.Serialization;

/// <summary>A template document is invalid; <see cref="Errors"/> lists every problem at once.</summary>
public sealed class TemplateValidationException : FormatException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="errors">Every problem found.</param>
    public TemplateValidationException(IReadOnlyList<TemplateValidationError> errors)
        : base($"The template document is invalid ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}): " +
               string.Join("; ", errors.Take(10).Select(static e => $"{e.Path}: {e.Message}")) + (errors.Count > 10 ? " …" : ""))
    {
        Errors = errors;
    }

    /// <summary>Gets every problem found.</summary>
    public IReadOnlyList<TemplateValidationError> Errors { get; }
}
