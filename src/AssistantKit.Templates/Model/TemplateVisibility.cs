namespace AssistantKit.Templates;

/// <summary>Who may see a stored template.</summary>
public enum TemplateVisibility
{
    /// <summary>Only the owner.</summary>
    Private,

    /// <summary>The owner and the users and groups in <see cref="AssistantTemplate.SharedWith"/>.</summary>
    Shared,

    /// <summary>Everyone.</summary>
    Public,
}
