namespace AssistantKit.Templates;

/// <summary>Somebody saved the template since the caller read it: the save was not made.</summary>
public sealed class TemplateConcurrencyException : InvalidOperationException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="templateId">The template.</param>
    /// <param name="expectedVersion">The version the caller based the change on (<see langword="null"/> for "new").</param>
    /// <param name="actualVersion">The current version (<see langword="null"/> when none exists).</param>
    public TemplateConcurrencyException(string templateId, int? expectedVersion, int? actualVersion)
        : base(expectedVersion is null
            ? $"Template '{templateId}' already exists (version {actualVersion}); load it and save with expectedVersion {actualVersion}."
            : $"Template '{templateId}' was changed by someone else: expected version {expectedVersion}, current version {actualVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}. Reload, reapply your change and save again.")
    {
        TemplateId = templateId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Gets the template id.</summary>
    public string TemplateId { get; }

    /// <summary>Gets the version the caller expected.</summary>
    public int? ExpectedVersion { get; }

    /// <summary>Gets the current version.</summary>
    public int? ActualVersion { get; }
}
