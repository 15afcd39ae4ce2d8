using System.Text;
using AssistantKit.Export.Text;
using AssistantKit.Text;

namespace AssistantKit.Export.Formatters;

/// <summary>
/// Markdown: optional YAML front matter, the title, then per message a level-3 heading (role, author, time) and the
/// body inside a block quote. The quote is the message's container: whatever the body holds (an unclosed fence,
/// headings, <c>---</c>, raw HTML) ends with it and cannot swallow or restructure the messages after it.
/// </summary>
internal sealed class MarkdownExportFormatter : TextExportFormatter
{
    public override string Format => ExportFormats.Markdown;

    public override string ContentType => "text/markdown; charset=utf-8";

    public override string FileExtension => "md";

    /// <summary>Escaped author and model names (the same few recur in every message) and a scratch buffer for footers.</summary>
    protected override object? CreateState(ExportContext context) => new State();

    protected override void WriteHeader(ExportContext context, Utf8BufferWriter writer, object? state)
    {
        var conversation = context.Conversation;
        if (context.Options.IncludeMetadata || context.Options.IncludeUserInfo)
        {
            // Every value is a JSON string, number or object: JSON is valid YAML flow syntax, so nothing needs YAML escaping rules.
            writer.WriteLine("---");
            WriteYaml(writer, "title", JsonString(context.Title));
            WriteYaml(writer, "id", JsonString(conversation.Id));
            if (conversation.CreatedAt is { } created)
            {
                WriteYaml(writer, "created", JsonString(created.ToString("O")));
            }

            if (conversation.UpdatedAt is { } updated)
            {
                WriteYaml(writer, "updated", JsonString(updated.ToString("O")));
            }

            WriteYaml(writer, "exported", JsonString(context.ExportedAt.ToString("O")));
            if (conversation.DefaultModel is { } model)
            {
                WriteYaml(writer, "model", JsonString(model));
            }

            if (conversation.Participants.Count > 0)
            {
                WriteYaml(writer, "participants", ContractJson.Serialize(conversation.Participants));
            }

            if (conversation.Metadata.Count > 0)
            {
                WriteYaml(writer, "metadata", ContractJson.Serialize(conversation.Metadata));
            }

            writer.WriteLine("---");
            writer.WriteLine();
        }

        writer.Write("# ");
        writer.WriteLine(MarkdownSupport.EscapeInline(context.Title));
        writer.WriteLine();
        writer.Write('*');
        writer.Write(MarkdownSupport.EscapeInline($"{context.Labels.Exported}: {context.FormatTimestamp(context.ExportedAt)}"));
        writer.WriteLine('*');
        writer.WriteLine();
    }

    protected override void WriteMessage(ExportContext context, Utf8BufferWriter writer, ConversationMessage message, object? state)
    {
        writer.Write("### ");
        writer.Write(context.RoleLabel(message.Role));
        if (message.AuthorName is { Length: > 0 } author)
        {
            writer.Write(" · ");
            writer.Write(((State)state!).Escaped(author));
        }

        if (message.CreatedAt is { } created)
        {
            writer.Write(" · ");
            context.WriteTimestamp(writer, created); // digits, letters and separators only: nothing Markdown would read
        }

        writer.WriteLine();
        writer.WriteLine();
        var quote = new QuoteWriter(writer);
        if (message.Content.Length > 0)
        {
            quote.WriteLines(message.Content);
        }

        foreach (var part in message.Parts)
        {
            quote.Separate();
            WritePart(context, ref quote, part);
        }

        if (message.Model is not null || message.Usage is not null)
        {
            quote.Separate();
            quote.WriteLines(((State)state!).Footer(context, message));
        }

        quote.Close();
        writer.WriteLine();
    }

    /// <summary>Folded as GitHub and most viewers render it: <c>&lt;details&gt;</c> around the versions, a rule between them.</summary>
    protected override void WriteAlternatives(ExportContext context, Utf8BufferWriter writer, IReadOnlyList<IReadOnlyList<ConversationMessage>> alternatives, object? state)
    {
        writer.WriteLine("<details>");
        writer.Write("<summary>");
        writer.Write(System.Net.WebUtility.HtmlEncode($"{context.Labels.OtherVersions} ({alternatives.Count})"));
        writer.WriteLine("</summary>");
        writer.WriteLine();
        for (var i = 0; i < alternatives.Count; i++)
        {
            if (i > 0)
            {
                writer.WriteLine("---");
                writer.WriteLine();
            }

            foreach (var message in alternatives[i])
            {
                WriteMessage(context, writer, message, state);
            }
        }

        writer.WriteLine("</details>");
        writer.WriteLine();
    }

    protected override void WriteFooter(ExportContext context, Utf8BufferWriter writer, object? state)
    {
    }

    private sealed class State
    {
        private readonly Dictionary<string, string> _escaped = new(StringComparer.Ordinal);
        private readonly StringBuilder _footer = new(128);
        private char[] _footerChars = new char[128];

        public string Escaped(string text)
        {
            if (!_escaped.TryGetValue(text, out var escaped))
            {
                escaped = MarkdownSupport.EscapeInline(text);
                if (_escaped.Count < 1024)
                {
                    _escaped[text] = escaped;
                }
            }

            return escaped;
        }

        /// <summary>"*Model: x · Tokens: 12 → 340*", built in reused buffers (valid until the next call), the model name escaped for Markdown.</summary>
        public ReadOnlySpan<char> Footer(ExportContext context, ConversationMessage message)
        {
            _footer.Clear().Append('*');
            context.AppendMessageMetadata(_footer, message, message.Model is { } model ? Escaped(model) : null).Append('*');
            if (_footerChars.Length < _footer.Length)
            {
                _footerChars = new char[_footer.Length * 2];
            }

            _footer.CopyTo(0, _footerChars, _footer.Length);
            return _footerChars.AsSpan(0, _footer.Length);
        }
    }

    private static void WritePart(ExportContext context, ref QuoteWriter quote, MessagePart part)
    {
        switch (part)
        {
            case CodePart code:
                WriteFenced(ref quote, code.Language, code.Code);
                break;
            case ToolCallPart call:
                quote.WriteLines($"**{context.Labels.ToolCall}:** `{call.Name.Replace("`", "'", StringComparison.Ordinal)}`");
                if (call.Arguments is { Length: > 0 } arguments)
                {
                    quote.WriteLines("");
                    WriteFenced(ref quote, "json", arguments);
                }

                break;
            case ToolResultPart result:
                quote.WriteLines($"**{(result.IsError ? context.Labels.ToolError : context.Labels.ToolResult)}:**");
                quote.WriteLines("");
                WriteFenced(ref quote, null, result.Result ?? "");
                break;
            case ReasoningPart reasoning:
                quote.WriteLines($"**{context.Labels.Reasoning}:**");
                quote.WriteLines("");
                quote.Nested().WriteLines(reasoning.Text);
                break;
            case AttachmentPart attachment:
                quote.WriteLines(Attachment(context, attachment));
                break;
        }
    }

    /// <summary>
    /// An attachment with bytes, where the export can hold side files (a batch ZIP, a directory), is written beside it and
    /// linked relatively (an image shown, <c>![name](&lt;attachments/…&gt;)</c>); otherwise it is named, linked when its
    /// address is safe, with its size.
    /// </summary>
    private static string Attachment(ExportContext context, AttachmentPart attachment)
    {
        var name = AttachmentBytes.DisplayName(attachment);
        var text = MarkdownSupport.EscapeInline(name);
        if (attachment.Data is { Length: > 0 } data && context.AddSideFile(name, data) is { } path)
        {
            var target = Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal);
            return AttachmentBytes.IsShownImage(attachment.MediaType, data.Span)
                ? $"**{context.Labels.Attachment}:** {text}\n\n![{text}](<{target}>)"
                : $"**{context.Labels.Attachment}:** [{text}](<{target}>) ({AttachmentKinds.FormatSize(data.Length, context.Culture)})";
        }

        var uri = attachment.Uri?.OriginalString;
        var size = attachment.Data is { Length: > 0 } bytes ? $" ({AttachmentKinds.FormatSize(bytes.Length, context.Culture)})" : "";
        return MarkdownRules.IsSafeLink(uri)
            ? $"**{context.Labels.Attachment}:** [{text}](<{uri!.Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal)}>){size}"
            : $"**{context.Labels.Attachment}:** {text}{size}";
    }

    private static void WriteFenced(ref QuoteWriter quote, string? language, string code)
    {
        var fence = MarkdownRules.CodeFence(code);
        quote.WriteLines(fence + (language ?? "").Replace("`", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal));
        quote.WriteLines(code);
        quote.WriteLines(fence);
    }

    private static void WriteYaml(TextWriter writer, string key, string value)
    {
        writer.Write(key);
        writer.Write(": ");
        writer.WriteLine(value);
    }

    private static string JsonString(string value) => ContractJson.Serialize(value);

    /// <summary>Writes lines inside a block quote ("&gt; ", nested "&gt; &gt; "), normalizing line endings.</summary>
    /// <remarks>A struct (no allocation per message): pass it by <see langword="ref"/>, it remembers whether it wrote anything.</remarks>
    private struct QuoteWriter(Utf8BufferWriter writer, byte[] prefix)
    {
        private static readonly byte[] Quote = "> "u8.ToArray();
        private bool _wroteAnything;

        public QuoteWriter(Utf8BufferWriter writer)
            : this(writer, Quote)
        {
        }

        public readonly QuoteWriter Nested() => new(writer, [.. prefix, .. Quote]);

        public void WriteLines(ReadOnlySpan<char> text)
        {
            writer.WriteLines(text, prefix);
            _wroteAnything = true;
        }

        public void Separate()
        {
            if (_wroteAnything)
            {
                WriteLines("");
            }
        }

        public void Close()
        {
            if (!_wroteAnything)
            {
                WriteLines("");
            }
        }
    }
}
