using AssistantKit.Export.Text;
using AssistantKit.Text;

namespace AssistantKit.Export.Formatters;

/// <summary>Plain text: the Markdown of each body rendered as readable text under a "[Role · Author · time]" line; LF line endings.</summary>
internal sealed class PlainTextExportFormatter : TextExportFormatter
{
    public override string Format => ExportFormats.Text;

    public override string ContentType => "text/plain; charset=utf-8";

    public override string FileExtension => "txt";

    protected override object? CreateState(ExportContext context) => null;

    protected override void WriteHeader(ExportContext context, Utf8BufferWriter writer, object? state)
    {
        var title = TextSanitizer.WithoutControlCharacters(context.Title.ReplaceLineEndings(" "));
        writer.WriteLine(title);
        writer.WriteLine(new string('=', Math.Clamp(title.Length, 3, 80)));
        writer.WriteLine($"{context.Labels.Exported}: {context.FormatTimestamp(context.ExportedAt)}");
        if (context.Conversation.CreatedAt is { } created)
        {
            writer.WriteLine($"{context.Labels.Created}: {context.FormatTimestamp(created)}");
        }

        if (context.Conversation.Participants.Count > 0)
        {
            writer.WriteLine($"{context.Labels.Participants}: {string.Join(", ", context.Conversation.Participants.Select(static p => TextSanitizer.WithoutControlCharacters((p.Name ?? p.Id) + (p.Email is null ? "" : $" <{p.Email}>"))))}");
        }

        writer.WriteLine();
    }

    protected override void WriteMessage(ExportContext context, Utf8BufferWriter writer, ConversationMessage message, object? state)
    {
        writer.Write('[');
        writer.Write(context.RoleLabel(message.Role));
        if (message.AuthorName is { Length: > 0 } author)
        {
            writer.Write(" · ");
            writer.Write(TextSanitizer.WithoutControlCharacters(author.ReplaceLineEndings(" ")));
        }

        if (message.CreatedAt is { } created)
        {
            writer.Write(" · ");
            context.WriteTimestamp(writer, created);
        }

        writer.WriteLine(']');
        MarkdownSupport.WritePlainText(TextSanitizer.WithoutControlCharacters(message.Content), writer);
        foreach (var part in message.Parts)
        {
            switch (part)
            {
                case CodePart code:
                    WriteIndented(writer, code.Code);
                    break;
                case ToolCallPart call:
                    writer.WriteLine($"{context.Labels.ToolCall}: {call.Name}");
                    WriteIndented(writer, call.Arguments ?? "");
                    break;
                case ToolResultPart result:
                    writer.WriteLine($"{(result.IsError ? context.Labels.ToolError : context.Labels.ToolResult)}:");
                    WriteIndented(writer, result.Result ?? "");
                    break;
                case ReasoningPart reasoning:
                    writer.WriteLine($"{context.Labels.Reasoning}:");
                    WriteIndented(writer, reasoning.Text);
                    break;
                case AttachmentPart attachment:
                    writer.WriteLine($"{context.Labels.Attachment}: {AttachmentBytes.DisplayName(attachment)}");
                    writer.WriteLine();
                    break;
            }
        }

        if (message.Model is not null || message.Usage is not null)
        {
            writer.WriteLine(context.FormatMessageMetadata(message));
            writer.WriteLine();
        }
    }

    protected override void WriteFooter(ExportContext context, Utf8BufferWriter writer, object? state)
    {
    }

    private static void WriteIndented(TextWriter writer, string text)
    {
        foreach (var line in TextSanitizer.WithoutControlCharacters(text).AsSpan().EnumerateLines())
        {
            writer.Write("    ");
            writer.WriteLine(line);
        }

        writer.WriteLine();
    }
}
