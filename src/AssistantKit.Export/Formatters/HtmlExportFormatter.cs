using System.Text.Encodings.Web;
using AssistantKit.Text;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace AssistantKit.Export.Formatters;

/// <summary>
/// One self-contained HTML page (inline CSS, light and dark, print-friendly). Bodies are rendered by Markdig with raw
/// HTML disabled; links are limited to http, https and mailto; Markdown images become links and are never loaded (attachment images with
/// their bytes are shown from <c>data:</c> URIs); every other
/// string is HTML-encoded; and a Content-Security-Policy forbids scripts and remote loads as a second line of defence.
/// </summary>
internal sealed class HtmlExportFormatter : TextExportFormatter
{
    private const string Style = """
        :root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--user:#eef4ff;--assistant:#f6f8fa;--system:#fff8e5;--tool:#f0faf3;--code:#f6f8fa}
        @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#8d96a0;--line:#30363d;--user:#132039;--assistant:#161b22;--system:#2b2111;--tool:#11261a;--code:#161b22}}
        *{box-sizing:border-box}body{margin:0 auto;max-width:52rem;padding:2rem 1rem;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
        h1{font-size:1.6rem;margin:0 0 .25rem}.meta{color:var(--muted);font-size:.9rem;margin:0 0 1.5rem}
        table.info{border-collapse:collapse;margin:0 0 1.5rem;font-size:.9rem}table.info th,table.info td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
        article{border:1px solid var(--line);border-radius:10px;padding:.75rem 1rem;margin:0 0 1rem;background:var(--assistant);break-inside:avoid-page}
        article.user{background:var(--user)}article.system{background:var(--system)}article.tool{background:var(--tool)}
        article>header{font-size:.85rem;color:var(--muted);margin-bottom:.4rem}article>header .role{font-weight:600;color:var(--fg)}
        .body{overflow-wrap:anywhere}.body table{border-collapse:collapse}.body th,.body td{border:1px solid var(--line);padding:.2rem .45rem}
        pre{background:var(--code);border:1px solid var(--line);border-radius:6px;padding:.6rem;overflow:auto;white-space:pre-wrap;word-break:break-word}
        code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace}blockquote{margin:0;padding-inline-start:.8rem;border-inline-start:3px solid var(--line);color:var(--muted)}
        .part-label{font-weight:600;font-size:.85rem;margin:.5rem 0 .2rem}figure.attachment{margin:.5rem 0}figure.attachment img{display:block;max-width:100%;height:auto;border-radius:6px}figcaption{color:var(--muted);font-size:.8rem}
        details.alternatives{margin:-.5rem 0 1rem 1.5rem}details.alternatives>summary{color:var(--muted);font-size:.85rem;cursor:pointer;margin-bottom:.5rem}.alternative{border-left:3px solid var(--line);padding-left:.75rem;margin-bottom:.75rem}.footnote{color:var(--muted);font-size:.8rem}
        @media print{body{max-width:none;padding:0}article{border-color:#999}a{color:inherit}}
        """;

    public override string Format => ExportFormats.Html;

    public override string ContentType => "text/html; charset=utf-8";

    public override string FileExtension => "html";

    /// <summary>One Markdig renderer per export, set up once and reused for every message (they are not thread-safe, exports are).</summary>
    protected override object? CreateState(ExportContext context) => new RendererHolder();

    protected override void WriteHeader(ExportContext context, Utf8BufferWriter writer, object? state)
    {
        var encoder = HtmlEncoder.Default;
        var conversation = context.Conversation;
        writer.Write("<!DOCTYPE html>\n<html lang=\"");
        writer.Write(encoder.Encode(context.Culture.TwoLetterISOLanguageName));
        writer.Write("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        writer.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n");
        writer.Write("<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"generator\" content=\"AssistantKit\">\n<title>");
        writer.Write(Encode(context.Title));
        writer.Write("</title>\n<style>\n");
        writer.Write(Style);
        writer.Write("\n</style>\n</head>\n<body>\n<header>\n<h1>");
        writer.Write(Encode(context.Title));
        writer.Write("</h1>\n<p class=\"meta\">");
        writer.Write(Encode($"{context.Labels.Exported}: {context.FormatTimestamp(context.ExportedAt)}"));
        if (conversation.CreatedAt is { } created)
        {
            writer.Write(Encode($" · {context.Labels.Created}: {context.FormatTimestamp(created)}"));
        }

        writer.Write("</p>\n");
        if (conversation.Participants.Count > 0 || conversation.Metadata.Count > 0 || conversation.DefaultModel is not null)
        {
            writer.Write("<table class=\"info\">\n");
            if (conversation.Participants.Count > 0)
            {
                Row(writer, context.Labels.Participants, string.Join(", ", conversation.Participants.Select(static p => (p.Name ?? p.Id) + (p.Email is null ? "" : $" <{p.Email}>"))));
            }

            if (conversation.DefaultModel is { } model)
            {
                Row(writer, context.Labels.Model, model);
            }

            foreach (var (key, value) in conversation.Metadata)
            {
                Row(writer, key, value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText());
            }

            writer.Write("</table>\n");
        }

        writer.Write("</header>\n<main>\n");
    }

    protected override void WriteMessage(ExportContext context, Utf8BufferWriter writer, ConversationMessage message, object? state)
    {
        writer.Write("<article class=\"");
        writer.Write(message.Role.ToWireName());
        writer.Write("\">\n<header><span class=\"role\">");
        writer.Write(Encode(context.RoleLabel(message.Role)));
        writer.Write("</span>");
        if (message.AuthorName is { Length: > 0 } author)
        {
            writer.Write(" · <span class=\"author\">");
            writer.Write(Encode(author));
            writer.Write("</span>");
        }

        if (message.CreatedAt is { } created)
        {
            writer.Write(" · <time datetime=\"");
            writer.Write(created.ToString("O"));
            writer.Write("\">");
            writer.Write(Encode(context.FormatTimestamp(created)));
            writer.Write("</time>");
        }

        writer.Write("</header>\n<div class=\"body\">\n");
        var renderer = ((RendererHolder)state!).For(writer);
        RenderMarkdown(context, renderer, message.Content);
        writer.Write("</div>\n");
        foreach (var part in message.Parts)
        {
            WritePart(context, writer, renderer, part);
        }

        if (message.Model is not null || message.Usage is not null)
        {
            writer.Write("<p class=\"footnote\">");
            writer.Write(Encode(context.FormatMessageMetadata(message)));
            writer.Write("</p>\n");
        }

        writer.Write("</article>\n");
    }

    /// <summary>Folded: <c>&lt;details&gt;</c> with the count in its summary, each version in its own block.</summary>
    protected override void WriteAlternatives(ExportContext context, Utf8BufferWriter writer, IReadOnlyList<IReadOnlyList<ConversationMessage>> alternatives, object? state)
    {
        writer.Write("<details class=\"alternatives\">\n<summary>");
        writer.Write(Encode($"{context.Labels.OtherVersions} ({alternatives.Count})"));
        writer.Write("</summary>\n");
        foreach (var alternative in alternatives)
        {
            writer.Write("<div class=\"alternative\">\n");
            foreach (var message in alternative)
            {
                WriteMessage(context, writer, message, state);
            }

            writer.Write("</div>\n");
        }

        writer.Write("</details>\n");
    }

    protected override void WriteFooter(ExportContext context, Utf8BufferWriter writer, object? state) =>
        writer.Write("</main>\n</body>\n</html>\n");

    private static void WritePart(ExportContext context, TextWriter writer, HtmlRenderer renderer, MessagePart part)
    {
        switch (part)
        {
            case CodePart code:
                Pre(writer, code.Code, code.Language);
                break;
            case ToolCallPart call:
                Label(writer, $"{context.Labels.ToolCall}: {call.Name}");
                Pre(writer, call.Arguments ?? "", "json");
                break;
            case ToolResultPart result:
                Label(writer, result.IsError ? context.Labels.ToolError : context.Labels.ToolResult);
                Pre(writer, result.Result ?? "", null);
                break;
            case ReasoningPart reasoning:
                Label(writer, context.Labels.Reasoning);
                writer.Write("<blockquote>\n");
                RenderMarkdown(context, renderer, reasoning.Text);
                writer.Write("</blockquote>\n");
                break;
            case AttachmentPart attachment:
                WriteAttachment(context, writer, attachment);
                break;
        }
    }

    /// <summary>
    /// An image with its bytes is shown (a <c>data:</c> URI: raster types only, nothing loads from elsewhere), a text file
    /// with its text; anything else, or anything over <see cref="ExportOptions.MaxEmbeddedAttachmentBytes"/>, is named (a
    /// link when its address is http or https) with its size.
    /// </summary>
    private static void WriteAttachment(ExportContext context, TextWriter writer, AttachmentPart attachment)
    {
        var name = AttachmentBytes.DisplayName(attachment);
        var data = attachment.Data ?? default;
        var embed = data.Length > 0 && data.Length <= context.Options.MaxEmbeddedAttachmentBytes;
        if (data.Length > context.Options.MaxEmbeddedAttachmentBytes)
        {
            context.AddWarning($"The attachment \"{name}\" ({data.Length:N0} bytes) is over MaxEmbeddedAttachmentBytes ({context.Options.MaxEmbeddedAttachmentBytes:N0}); it is named, not shown");
        }

        if (embed && AttachmentBytes.IsShownImage(attachment.MediaType, data.Span))
        {
            writer.Write("<figure class=\"attachment\"><img alt=\"");
            writer.Write(Encode(name));
            writer.Write("\" src=\"data:");
            writer.Write(attachment.MediaType!.ToLowerInvariant());
            writer.Write(";base64,");
            for (var offset = 0; offset < data.Length; offset += 48 * 1024)
            {
                writer.Write(Convert.ToBase64String(data.Span.Slice(offset, Math.Min(48 * 1024, data.Length - offset))));
            }

            writer.Write("\"><figcaption>");
            writer.Write(Encode(name));
            writer.Write("</figcaption></figure>\n");
            return;
        }

        writer.Write("<p class=\"part-label\">");
        writer.Write(Encode(context.Labels.Attachment));
        writer.Write(": ");
        if (MarkdownRules.IsSafeLink(attachment.Uri?.OriginalString))
        {
            writer.Write("<a rel=\"nofollow noopener noreferrer\" href=\"");
            writer.Write(Encode(attachment.Uri!.OriginalString));
            writer.Write("\">");
            writer.Write(Encode(name));
            writer.Write("</a>");
        }
        else
        {
            writer.Write(Encode(name));
        }

        if (data.Length > 0)
        {
            writer.Write(Encode($" ({AttachmentKinds.FormatSize(data.Length, context.Culture)})"));
        }

        writer.Write("</p>\n");
        if (embed && AttachmentKinds.IsText(attachment.MediaType) && AttachmentKinds.TryDecodeText(data.Span) is { } text)
        {
            Pre(writer, text, null);
        }
    }

    private static void RenderMarkdown(ExportContext context, HtmlRenderer renderer, string markdown)
    {
        if (markdown.Length == 0)
        {
            return;
        }

        var document = Markdown.Parse(TextSanitizer.WithoutControlCharacters(markdown), UntrustedMarkdown.Pipeline);
        MakeLinksSafe(context, document);
        DirectionFromText(document);
        renderer.Render(document);
    }

    /// <summary>
    /// Each paragraph, heading, list, list item, quote and table cell takes its direction from its first strong character
    /// (<c>dir="auto"</c>), so Arabic or Hebrew in a message reads right to left and the PDF export draws what a browser does.
    /// </summary>
    private static void DirectionFromText(MarkdownDocument document)
    {
        foreach (var block in document.Descendants<Block>())
        {
            if (block is ParagraphBlock { Parent: not (ListItemBlock or Markdig.Extensions.Tables.TableCell) } or HeadingBlock or ListBlock or ListItemBlock or QuoteBlock or Markdig.Extensions.Tables.TableCell)
            {
                block.GetAttributes().AddPropertyIfNotExist("dir", "auto");
            }
        }
    }

    private sealed class RendererHolder
    {
        private HtmlRenderer? _renderer;

        public HtmlRenderer For(TextWriter writer)
        {
            if (_renderer is null || !ReferenceEquals(_renderer.Writer, writer))
            {
                _renderer = new HtmlRenderer(writer);
                UntrustedMarkdown.Pipeline.Setup(_renderer);
            }

            return _renderer;
        }
    }

    /// <summary>Links to anything but http, https and mailto lose their target; images turn into links so nothing loads by itself.</summary>
    private static void MakeLinksSafe(ExportContext context, MarkdownDocument document)
    {
        List<Inline>? changes = null; // the tree is changed after the walk, not during it
        foreach (var inline in document.Descendants<Inline>())
        {
            switch (inline)
            {
                case LinkInline link:
                    if (!MarkdownRules.IsSafeLink(link.GetDynamicUrl?.Invoke() ?? link.Url))
                    {
                        link.Url = null;
                        link.GetDynamicUrl = null;
                    }

                    if (link.IsImage)
                    {
                        (changes ??= []).Add(link);
                    }

                    break;
                case AutolinkInline autolink when !MarkdownRules.IsSafeLink(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url):
                    (changes ??= []).Add(autolink);
                    break;
            }
        }

        foreach (var inline in changes ?? [])
        {
            if (inline is LinkInline image)
            {
                image.IsImage = false;
                if (image.FirstChild is { } first)
                {
                    first.InsertBefore(new LiteralInline($"{context.Labels.Image}: "));
                }
                else
                {
                    image.AppendChild(new LiteralInline(context.Labels.Image));
                }
            }
            else if (inline is AutolinkInline autolink)
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }
    }

    private static void Label(TextWriter writer, string label)
    {
        writer.Write("<p class=\"part-label\">");
        writer.Write(Encode(label));
        writer.Write("</p>\n");
    }

    private static void Pre(TextWriter writer, string code, string? language)
    {
        writer.Write(language is null ? "<pre><code>" : $"<pre><code class=\"language-{Encode(language)}\">");
        writer.Write(Encode(code));
        writer.Write("</code></pre>\n");
    }

    private static void Row(TextWriter writer, string key, string value)
    {
        writer.Write("<tr><th>");
        writer.Write(Encode(key));
        writer.Write("</th><td>");
        writer.Write(Encode(value));
        writer.Write("</td></tr>\n");
    }

    private static string Encode(string value) => HtmlEncoder.Default.Encode(TextSanitizer.WithoutControlCharacters(value));
}
