using System.Globalization;

namespace AssistantKit.Export.Text;

/// <summary>The words exported documents use, in one language. Built in: English and German.</summary>
public sealed record ExportLabels
{
    /// <summary>Gets the English labels.</summary>
    public static ExportLabels English { get; } = new();

    /// <summary>Gets the German labels.</summary>
    public static ExportLabels German { get; } = new()
    {
        User = "Benutzer",
        Assistant = "Assistent",
        System = "System",
        Tool = "Werkzeug",
        Untitled = "Unbenannte Unterhaltung",
        Conversation = "Unterhaltung",
        Exported = "Exportiert",
        Created = "Erstellt",
        Updated = "Aktualisiert",
        Messages = "Nachrichten",
        Participants = "Teilnehmer",
        Metadata = "Metadaten",
        Model = "Modell",
        Reasoning = "Gedankengang",
        ToolCall = "Werkzeugaufruf",
        ToolResult = "Werkzeugergebnis",
        ToolError = "Werkzeugfehler",
        Attachment = "Anhang",
        Image = "Bild",
        Tokens = "Tokens",
        OtherVersions = "Andere Fassungen dieser Nachricht",
    };

    /// <summary>Gets the label of user messages.</summary>
    public string User { get; init; } = "User";

    /// <summary>Gets the label of assistant messages.</summary>
    public string Assistant { get; init; } = "Assistant";

    /// <summary>Gets the label of system messages.</summary>
    public string System { get; init; } = "System";

    /// <summary>Gets the label of tool messages.</summary>
    public string Tool { get; init; } = "Tool";

    /// <summary>Gets the title of a conversation without one.</summary>
    public string Untitled { get; init; } = "Untitled conversation";

    /// <summary>Gets the word for a conversation.</summary>
    public string Conversation { get; init; } = "Conversation";

    /// <summary>Gets the label of the export time.</summary>
    public string Exported { get; init; } = "Exported";

    /// <summary>Gets the label of the creation time.</summary>
    public string Created { get; init; } = "Created";

    /// <summary>Gets the label of the update time.</summary>
    public string Updated { get; init; } = "Updated";

    /// <summary>Gets the label of the message count.</summary>
    public string Messages { get; init; } = "Messages";

    /// <summary>Gets the label of the participant list.</summary>
    public string Participants { get; init; } = "Participants";

    /// <summary>Gets the label of metadata.</summary>
    public string Metadata { get; init; } = "Metadata";

    /// <summary>Gets the label of the model.</summary>
    public string Model { get; init; } = "Model";

    /// <summary>Gets the label of reasoning.</summary>
    public string Reasoning { get; init; } = "Reasoning";

    /// <summary>Gets the label of a tool call.</summary>
    public string ToolCall { get; init; } = "Tool call";

    /// <summary>Gets the label of a tool result.</summary>
    public string ToolResult { get; init; } = "Tool result";

    /// <summary>Gets the label of a failed tool result.</summary>
    public string ToolError { get; init; } = "Tool error";

    /// <summary>Gets the label of an attachment.</summary>
    public string Attachment { get; init; } = "Attachment";

    /// <summary>Gets the label of an image.</summary>
    public string Image { get; init; } = "Image";

    /// <summary>Gets the label of token counts.</summary>
    public string Tokens { get; init; } = "Tokens";

    /// <summary>Gets the label of the other versions of a message where a conversation branches.</summary>
    public string OtherVersions { get; init; } = "Other versions of this message";

    /// <summary>Returns the labels for <paramref name="culture"/>: German for any <c>de</c> culture, English otherwise.</summary>
    /// <param name="culture">The culture.</param>
    /// <returns>The labels.</returns>
    public static ExportLabels For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "de" ? German : English;
    }

    /// <summary>Returns the label of <paramref name="role"/>.</summary>
    /// <param name="role">The role.</param>
    /// <returns>The label.</returns>
    public string Role(MessageRole role) => role switch
    {
        MessageRole.User => User,
        MessageRole.Assistant => Assistant,
        MessageRole.System => System,
        _ => Tool,
    };
}
