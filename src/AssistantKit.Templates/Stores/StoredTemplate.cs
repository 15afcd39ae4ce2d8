namespace AssistantKit.Templates;

/// <summary>One immutable version of a stored template.</summary>
public sealed record StoredTemplate
{
    /// <summary>Gets the template as saved.</summary>
    public required AssistantTemplate Template { get; init; }

    /// <summary>Gets the version number, from 1.</summary>
    public required int Version { get; init; }

    /// <summary>Gets when it was saved.</summary>
    public required DateTimeOffset SavedAt { get; init; }

    /// <summary>Gets who saved it.</summary>
    public string? SavedBy { get; init; }

    /// <summary>Gets the change note, or <see langword="null"/>.</summary>
    public string? ChangeNote { get; init; }

    /// <summary>Gets an entity tag for HTTP caching and conditional requests.</summary>
    public string ETag => $"\"{Template.Id}-v{Version}\"";
}
