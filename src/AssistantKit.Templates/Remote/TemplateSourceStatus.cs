namespace AssistantKit.Templates;

/// <summary>What a <see cref="RemoteTemplateCatalog"/> is doing, for dashboards and health checks.</summary>
/// <param name="Source">Which copy is served.</param>
/// <param name="LastSuccess">When the remote last answered well, or <see langword="null"/>.</param>
/// <param name="LastError">The last failure, or <see langword="null"/> after a success.</param>
/// <param name="LastAttempt">When the remote was last asked, or <see langword="null"/>.</param>
public sealed record TemplateSourceStatus(TemplateSourceKind Source, DateTimeOffset? LastSuccess, string? LastError, DateTimeOffset? LastAttempt);
