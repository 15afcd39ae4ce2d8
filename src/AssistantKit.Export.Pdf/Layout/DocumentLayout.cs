using System.Globalization;
using AssistantKit.Text;

namespace AssistantKit.Export.Pdf.Layout;

/// <summary>The document's parts as lines: the title block and each message. Deterministic, so both passes agree.</summary>
internal sealed class DocumentLayout(ExportContext context, TextLayout text, float width, float baseSize, ImageLimits images)
{
    private readonly PdfLabels _labels = PdfLabels.For(context.Culture);

    public PdfLabels Labels => _labels;

    /// <summary>Gets or sets whether warnings are kept to themselves: the drawing pass lays out what the measuring pass warned about.</summary>
    public bool Quiet { get; set; }

    /// <summary>Title, a one-line summary (count and time span), participants and metadata.</summary>
    public List<PdfLine> TitleBlock(int messages, DateTimeOffset? first, DateTimeOffset? last)
    {
        var flow = new FlowWriter(text, width, baseSize);
        var conversation = context.Conversation;
        flow.Paragraph([new Span(context.Title, new InlineStyle(FaceKind.Bold, baseSize * 1.9f, Theme.Text))]);
        flow.Gap(baseSize * 0.3f);
        var summary = $"{messages.ToString("N0", context.Culture)} {_labels.Messages}";
        if (first is { } from && last is { } to)
        {
            summary += $" · {context.FormatTimestamp(from)} – {context.FormatTimestamp(to)}";
        }

        summary += $" · {_labels.Exported} {context.FormatTimestamp(context.ExportedAt)}";
        flow.SingleLine([new Span(summary, new InlineStyle(FaceKind.Regular, baseSize * 0.9f, Theme.Muted))]);

        if (context.Options.IncludeUserInfo && conversation.Participants.Count > 0)
        {
            flow.Gap(baseSize * 0.6f);
            var names = string.Join(", ", conversation.Participants.Select(p => p.Name is { Length: > 0 } name
                ? $"{name} ({context.RoleLabel(p.Role)})"
                : $"{p.Id} ({context.RoleLabel(p.Role)})"));
            flow.Paragraph([new Span(context.Labels.Participants + ": ", flow.Body with { Face = FaceKind.Bold }), new Span(names, flow.Body)]);
        }

        if (context.Options.IncludeMetadata)
        {
            var rows = new List<IReadOnlyList<List<Span>>>();
            if (conversation.DefaultModel is { } model)
            {
                rows.Add([[new Span(context.Labels.Model, flow.Body with { Face = FaceKind.Bold })], [new Span(model, flow.Body)]]);
            }

            if (conversation.CreatedAt is { } created)
            {
                rows.Add([[new Span(context.Labels.Created, flow.Body with { Face = FaceKind.Bold })], [new Span(context.FormatTimestamp(created), flow.Body)]]);
            }

            foreach (var (key, value) in conversation.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                var shown = value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
                rows.Add([[new Span(key, flow.Body with { Face = FaceKind.Bold })], [new Span(shown, flow.Body)]]);
            }

            if (rows.Count > 0)
            {
                flow.Gap(baseSize * 0.6f);
                flow.Table(rows, header: false);
            }
        }

        flow.Gap(baseSize * 1.2f);
        flow.Rule();
        flow.Gap(baseSize * 0.6f);
        return flow.Lines;
    }

    /// <summary>A message: its header (never alone at the bottom of a page), body, parts and metadata line, beside a bar in the role's color.</summary>
    public List<PdfLine> Message(ConversationMessage message, string? bookmark)
    {
        var flow = new FlowWriter(text, width, baseSize);
        var color = Theme.Role(message.Role);
        using (flow.Bar(color, 3, 11))
        {
            var header = new List<Span> { new(context.RoleLabel(message.Role), new InlineStyle(FaceKind.Bold, baseSize, color)) };
            if (message.AuthorName is { Length: > 0 } author)
            {
                header.Add(new Span("  ·  " + author, new InlineStyle(FaceKind.Regular, baseSize * 0.9f, Theme.Muted)));
            }

            if (message.CreatedAt is { } created)
            {
                header.Add(new Span("  ·  " + context.FormatTimestamp(created), new InlineStyle(FaceKind.Regular, baseSize * 0.9f, Theme.Muted)));
            }

            var headerLine = flow.SingleLine(header);
            headerLine.KeepWithNext = true;
            headerLine.Bookmark = bookmark;
            flow.Gap(baseSize * 0.3f);
            flow.Lines[^1].KeepWithNext = true;
            flow.Markdown(message.Content);
            foreach (var part in message.Parts)
            {
                Part(flow, part);
            }

            if (message.Model is not null || message.Usage is not null)
            {
                flow.Gap(baseSize * 0.3f);
                flow.Paragraph([new Span(context.FormatMessageMetadata(message), new InlineStyle(FaceKind.Italic, baseSize * 0.85f, Theme.Muted))]);
            }
        }

        flow.Gap(baseSize * 1.1f);
        return flow.Lines;
    }

    /// <summary>Sets the running header and footer texts once, so that their characters are in the font subsets.</summary>
    public void RunningText(int pages)
    {
        var style = new InlineStyle(FaceKind.Regular, baseSize * 0.8f, Theme.Muted);
        text.Layout([new Span(context.Title, style), new Span(context.FormatTimestamp(context.ExportedAt), style), new Span(_labels.Page(pages, pages, context.Culture) + " 0123456789…", style)], 0, float.MaxValue);
    }

    public string Bookmark(ConversationMessage message, int index)
    {
        var parts = new List<string> { context.RoleLabel(message.Role) };
        if (message.AuthorName is { Length: > 0 } author)
        {
            parts.Add(author);
        }

        if (message.CreatedAt is { } created)
        {
            parts.Add(context.FormatTimestamp(created));
        }

        return $"{index.ToString(CultureInfo.InvariantCulture)}. {string.Join(" · ", parts)}";
    }

    private void Part(FlowWriter flow, MessagePart part)
    {
        flow.Gap(baseSize * 0.5f);
        var label = new InlineStyle(FaceKind.Bold, baseSize * 0.9f, Theme.Muted);
        switch (part)
        {
            case CodePart code:
                flow.Code(code.Code);
                break;
            case ToolCallPart call:
                flow.Paragraph([new Span($"{context.Labels.ToolCall}: {call.Name}", label)]);
                flow.Code(call.Arguments ?? "");
                break;
            case ToolResultPart result:
                flow.Paragraph([new Span(result.IsError ? context.Labels.ToolError : context.Labels.ToolResult, label)]);
                flow.Code(result.Result ?? "");
                break;
            case ReasoningPart reasoning:
                flow.Paragraph([new Span(context.Labels.Reasoning, label)]);
                using (flow.Bar(Theme.Quote, 2, 10))
                {
                    flow.Markdown(reasoning.Text);
                }

                break;
            case AttachmentPart { Data: { } data } attachment when AttachmentBytes.IsShownImage(attachment.MediaType, data.Span):
                var caption = AttachmentBytes.DisplayName(attachment);
                if (images.Fit(data, width - 14, out var size, out var problem))
                {
                    flow.Image(data, size.Width, size.Height);
                    flow.Paragraph([new Span(caption, new InlineStyle(FaceKind.Italic, baseSize * 0.85f, Theme.Muted))]);
                }
                else
                {
                    if (!Quiet)
                    {
                        context.AddWarning($"The image \"{caption}\" is not drawn: {problem}.");
                    }

                    flow.Paragraph([new Span(context.Labels.Attachment + ": ", label), new Span(caption, flow.Body)]);
                }

                break;
            case AttachmentPart attachment:
                var name = AttachmentBytes.DisplayName(attachment);
                var url = attachment.Uri?.OriginalString;
                flow.Paragraph(
                [
                    new Span(context.Labels.Attachment + ": ", label),
                    new Span(name, MarkdownRules.IsSafeLink(url) ? flow.Body with { Color = Theme.Link, Link = url } : flow.Body),
                ]);
                break;
        }
    }
}
