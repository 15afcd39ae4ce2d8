namespace AssistantKit.Export.Pdf;

/// <summary>What the PDF's bookmarks list.</summary>
public enum PdfOutlineMode
{
    /// <summary>No bookmarks.</summary>
    None,

    /// <summary>One bookmark per message (role, author and time).</summary>
    PerMessage,

    /// <summary>One bookmark per day that has messages.</summary>
    PerDay,
}
