namespace AssistantKit.Storage;

/// <summary>One saved version of a template: a row that is inserted once and never updated.</summary>
internal sealed class TemplateVersionRow
{
    public required string TemplateId { get; set; }

    /// <summary>Gets or sets the version number; (TemplateId, Version) is the primary key, so a version is saved once.</summary>
    public int Version { get; set; }

    public string? OwnerId { get; set; }

    public DateTimeOffset SavedAt { get; set; }

    public string? SavedBy { get; set; }

    public string? ChangeNote { get; set; }

    /// <summary>Gets or sets the template as AssistantKit template JSON.</summary>
    public required string Json { get; set; }
}
