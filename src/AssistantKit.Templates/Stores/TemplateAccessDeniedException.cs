namespace AssistantKit.Templates;

/// <summary>The caller may not change this template (only its owner may).</summary>
public sealed class TemplateAccessDeniedException : UnauthorizedAccessException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="templateId">The template.</param>
    /// <param name="userId">The caller.</param>
    public TemplateAccessDeniedException(string templateId, string userId)
        : base($"User '{userId}' may not change template '{templateId}'; only its owner may.")
    {
        TemplateId = templateId;
        UserId = userId;
    }

    /// <summary>Gets the template id.</summary>
    public string TemplateId { get; }

    /// <summary>Gets the caller's user id.</summary>
    public string UserId { get; }
}
