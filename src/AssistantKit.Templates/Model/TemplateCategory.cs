namespace AssistantKit.Templates;

/// <summary>What kind of assistant a template makes.</summary>
public enum TemplateCategory
{
    /// <summary>Customer support.</summary>
    Support,

    /// <summary>Writing and ideas.</summary>
    Creative,

    /// <summary>Engineering and IT.</summary>
    Technical,

    /// <summary>Analysis and business work.</summary>
    Business,

    /// <summary>Teaching and learning.</summary>
    Education,

    /// <summary>Everything else; templates people make themselves.</summary>
    Custom,
}
