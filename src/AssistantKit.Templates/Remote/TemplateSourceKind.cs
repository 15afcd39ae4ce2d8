namespace AssistantKit.Templates;

/// <summary>Which copy of the catalog a <see cref="RemoteTemplateCatalog"/> is serving.</summary>
public enum TemplateSourceKind
{
    /// <summary>A fresh copy from the remote URL.</summary>
    Remote,

    /// <summary>The last copy the remote URL served successfully (the remote is failing now).</summary>
    LastGood,

    /// <summary>The built-in catalog (the remote has never answered well).</summary>
    BuiltIn,
}
