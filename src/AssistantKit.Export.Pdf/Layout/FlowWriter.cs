using AssistantKit.Text;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using SkiaSharp;

namespace AssistantKit.Export.Pdf.Layout;

/// <summary>
/// Turns blocks (Markdown documents, code, labels, tables) into <see cref="PdfLine"/>s of the content width. Bars (a
/// message's role color, block quotes) are drawn beside every line written while they are open.
/// </summary>
internal sealed class FlowWriter(TextLayout text, float width, float baseSize)
{
    private readonly List<(float X, SKColor Color, float Width)> _bars = [];
    private float _left;
    private float _right = width;

    public List<PdfLine> Lines { get; } = [];

    public float BaseSize => baseSize;

    public TextLayout Text => text;

    public InlineStyle Body => new(FaceKind.Regular, baseSize, Theme.Text);

    private const float MinimumColumn = 80;

    private float Right => _right;

    /// <summary>Draws a bar beside every line until the returned scope ends (on the right for right-to-left content), and indents the content past it.</summary>
    public Scope Bar(SKColor color, float barWidth, float indent, bool rightToLeft = false)
    {
        if (_right - _left - indent < MinimumColumn)
        {
            return Indent(0, rightToLeft);
        }

        _bars.Add((rightToLeft ? _right - barWidth : _left, color, barWidth));
        return Indent(indent, rightToLeft, bar: true);
    }

    /// <summary>Indents the content from the left (from the right for right-to-left content) until the returned scope ends.</summary>
    /// <remarks>Deep nesting stops indenting where a column would become narrower than a few words: nothing leaves the page.</remarks>
    public Scope Indent(float indent, bool rightToLeft = false, bool bar = false)
    {
        var scope = new Scope(this, _left, _right, bar);
        indent = Math.Clamp(_right - _left - MinimumColumn, 0, indent);
        if (rightToLeft)
        {
            _right -= indent;
        }
        else
        {
            _left += indent;
        }

        return scope;
    }

    public void Gap(float height)
    {
        Add(new PdfLine(height) { IsGap = true });
    }

    public void Add(PdfLine line)
    {
        foreach (var (x, color, barWidth) in _bars)
        {
            line.Boxes.Insert(0, new Box(x, 0, barWidth, line.Height, color));
        }

        Lines.Add(line);
    }

    public void Paragraph(IReadOnlyList<Span> spans)
    {
        foreach (var line in text.Layout(spans, _left, Right - _left))
        {
            Add(line);
        }
    }

    public PdfLine SingleLine(IReadOnlyList<Span> spans)
    {
        var line = text.SingleLine(spans, _left, Right - _left);
        Add(line);
        return line;
    }

    /// <summary>Monospaced, shaded, wrapped between characters when too long: never clipped.</summary>
    public void Code(string code)
    {
        var style = new InlineStyle(FaceKind.Mono, baseSize * 0.9f, Theme.Text);
        const float padding = 5;
        var top = new PdfLine(padding) { IsGap = true };
        top.Boxes.Add(new Box(_left, 0, Right - _left, padding, Theme.CodeBackground));
        Add(top);
        var lines = code.TrimEnd('\n').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        foreach (var source in lines)
        {
            foreach (var line in text.Layout([new Span(source, style)], _left + padding, Right - _left - (2 * padding), preserveSpaces: true, direction: 0))
            {
                line.Boxes.Insert(0, new Box(_left, 0, Right - _left, line.Height, Theme.CodeBackground));
                Add(line);
            }
        }

        var bottom = new PdfLine(padding);
        bottom.Boxes.Add(new Box(_left, 0, Right - _left, padding, Theme.CodeBackground));
        Add(bottom);
    }

    /// <summary>An image of the given size on a line of its own, which is kept with the caption after it.</summary>
    public void Image(ReadOnlyMemory<byte> encoded, float imageWidth, float imageHeight)
    {
        var line = new PdfLine(imageHeight + 4) { KeepWithNext = true };
        line.Images.Add(new PlacedImage(_left, 2, imageWidth, imageHeight, encoded));
        Add(line);
    }

    public void Rule()
    {
        var line = new PdfLine(baseSize);
        line.Boxes.Add(new Box(_left, (baseSize / 2) - 0.4f, Right - _left, 0.8f, Theme.Rule));
        Add(line);
    }

    /// <summary>Lays out a Markdown document (untrusted: raw HTML is text, links only http, https, mailto).</summary>
    public void Markdown(string markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return;
        }

        var document = Markdig.Markdown.Parse(TextSanitizer.WithoutControlCharacters(markdown), UntrustedMarkdown.Pipeline);
        Blocks(document);
    }

    public void Table(IReadOnlyList<IReadOnlyList<List<Span>>> rows, bool header)
    {
        var columns = rows.Max(r => r.Count);
        if (columns == 0)
        {
            return;
        }

        const float padding = 4;
        var available = Right - _left;
        var natural = new float[columns];
        var minimum = new float[columns];
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Count; c++)
            {
                natural[c] = Math.Max(natural[c], text.Measure(row[c]) + (2 * padding));
                foreach (var span in row[c])
                {
                    foreach (var word in span.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        minimum[c] = Math.Max(minimum[c], Math.Min(text.Measure(word, span.Style) + (2 * padding), available / columns));
                    }
                }
            }
        }

        var widths = new float[columns];
        if (natural.Sum() <= available)
        {
            natural.CopyTo(widths, 0);
        }
        else
        {
            var rest = available - minimum.Sum();
            var extra = natural.Zip(minimum, (n, m) => Math.Max(0, n - m)).ToArray();
            var extraSum = extra.Sum();
            for (var c = 0; c < columns; c++)
            {
                widths[c] = rest > 0 && extraSum > 0 ? minimum[c] + (rest * extra[c] / extraSum) : available / columns;
            }
        }

        var xs = new float[columns + 1];
        xs[0] = _left;
        for (var c = 0; c < columns; c++)
        {
            xs[c + 1] = xs[c] + widths[c];
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var cells = Enumerable.Range(0, columns)
                .Select(c => c < rows[r].Count ? text.Layout(rows[r][c], xs[c] + padding, widths[c] - (2 * padding)) : [])
                .ToArray();
            var height = cells.Max(c => c.Count);
            for (var i = 0; i < height; i++)
            {
                var lineHeight = cells.Where(c => i < c.Count).Max(c => c[i].Height);
                var line = new PdfLine(lineHeight + (i == 0 ? padding : 0) + (i == height - 1 ? padding : 0));
                var offset = i == 0 ? padding : 0;
                if (header && r == 0)
                {
                    line.Boxes.Add(new Box(_left, 0, xs[columns] - _left, line.Height, Theme.TableHeader));
                }

                foreach (var cell in cells.Where(c => i < c.Count))
                {
                    line.Runs.AddRange(cell[i].Runs.Select(run => run with { Baseline = run.Baseline + offset }));
                    line.Boxes.AddRange(cell[i].Boxes.Select(box => box with { Y = box.Y + offset }));
                }

                foreach (var x in xs)
                {
                    line.Boxes.Add(new Box(x - 0.25f, 0, 0.5f, line.Height, Theme.Rule));
                }

                if (i == 0)
                {
                    line.Boxes.Add(new Box(_left, 0, xs[columns] - _left, 0.5f, Theme.Rule));
                }

                if (r == rows.Count - 1 && i == height - 1)
                {
                    line.Boxes.Add(new Box(_left, line.Height - 0.5f, xs[columns] - _left, 0.5f, Theme.Rule));
                }

                Add(line);
            }
        }
    }

    private void Blocks(ContainerBlock container)
    {
        var first = true;
        foreach (var block in container)
        {
            if (block is LinkReferenceDefinitionGroup)
            {
                continue;
            }

            if (!first)
            {
                Gap(baseSize * 0.5f);
            }

            first = false;
            Block(block);
        }
    }

    private void Block(Block block)
    {
        switch (block)
        {
            case HeadingBlock heading:
                var scale = heading.Level switch { 1 => 1.6f, 2 => 1.4f, 3 => 1.2f, _ => 1.05f };
                Paragraph(Inlines(heading.Inline, Body with { Face = FaceKind.Bold, Size = baseSize * scale }));
                break;
            case ParagraphBlock paragraph:
                Paragraph(Inlines(paragraph.Inline, Body));
                break;
            case FencedCodeBlock or CodeBlock:
                Code(((LeafBlock)block).Lines.ToString());
                break;
            case ThematicBreakBlock:
                Rule();
                break;
            case QuoteBlock quote:
                using (Bar(Theme.Quote, 2, 10, IsRightToLeft(quote)))
                {
                    Blocks(quote);
                }

                break;
            case ListBlock list:
                List(list);
                break;
            case Table table:
                var rows = table.OfType<TableRow>().Select(row => (IReadOnlyList<List<Span>>)[.. row.OfType<TableCell>().Select(cell =>
                    cell.OfType<ParagraphBlock>().SelectMany(p => Inlines(p.Inline, row.IsHeader ? Body with { Face = FaceKind.Bold } : Body)).ToList())]).ToList();
                Table(rows, header: table.OfType<TableRow>().FirstOrDefault()?.IsHeader == true);
                break;
            case LeafBlock leaf:
                Paragraph([new Span(leaf.Lines.ToString(), Body)]);
                break;
            case ContainerBlock other:
                Blocks(other);
                break;
        }
    }

    private void List(ListBlock list)
    {
        var number = list.IsOrdered && int.TryParse(list.OrderedStart, out var start) ? start : 1;
        var depth = 0;
        for (Block? parent = list.Parent; parent is not null; parent = parent.Parent)
        {
            depth += parent is ListBlock ? 1 : 0;
        }

        var first = true;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            if (!first && !list.IsLoose)
            {
                Gap(baseSize * 0.15f);
            }
            else if (!first)
            {
                Gap(baseSize * 0.5f);
            }

            first = false;
            var marker = list.IsOrdered ? $"{number++}." : (depth % 3) switch { 0 => "•", 1 => "◦", _ => "▪" };
            const float indent = 16;
            var before = Lines.Count;
            var rightToLeft = IsRightToLeft(item);
            using (Indent(indent, rightToLeft))
            {
                Blocks(item);
            }

            // The marker goes on the item's first text line, in the indent: left of it, or right of it when right to left.
            // Laid out in both passes, so that the measuring pass (lines without runs) notes its glyphs for the font subsets.
            var markerLine = text.Layout([new Span(marker, Body with { Color = Theme.Muted })], 0, float.MaxValue, direction: 0)[0];
            var firstLine = Lines.Skip(before).FirstOrDefault(l => l.Runs.Count > 0);
            if (firstLine is not null)
            {
                var w = TextLayout.Width(markerLine);
                var x = rightToLeft ? firstLine.Runs.Max(r => r.X + r.Width) + 4 : firstLine.Runs.Min(r => r.X) - 4 - w;
                var baseline = firstLine.Runs[0].Baseline;
                firstLine.Runs.InsertRange(0, markerLine.Runs.Select(r => r with { X = x + r.X, Baseline = baseline }));
            }
        }
    }

    /// <summary>The inline content as styled spans.</summary>
    public List<Span> Inlines(ContainerInline? container, InlineStyle style)
    {
        var spans = new List<Span>();
        Inline(container, style, spans);
        return spans;
    }

    private void Inline(ContainerInline? container, InlineStyle style, List<Span> spans)
    {
        for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    spans.Add(new Span(literal.Content.ToString(), style));
                    break;
                case CodeInline code:
                    spans.Add(new Span(code.Content, style with { Face = style.Face is FaceKind.Bold or FaceKind.BoldItalic ? FaceKind.MonoBold : FaceKind.Mono, Size = style.Size * 0.92f, Code = true }));
                    break;
                case LineBreakInline lineBreak:
                    spans.Add(new Span(lineBreak.IsHard ? "\n" : " ", style));
                    break;
                case EmphasisInline emphasis:
                    Inline(emphasis, Emphasize(style, emphasis), spans);
                    break;
                case LinkInline { IsImage: true } image:
                    var alt = string.Concat(Inlines(image, style).Select(s => s.Text));
                    var imageUrl = image.GetDynamicUrl?.Invoke() ?? image.Url;
                    spans.Add(new Span($"[{(alt.Length > 0 ? alt : "image")}] ", style with { Face = FaceKind.Italic }));
                    spans.Add(new Span(imageUrl ?? "", MarkdownRules.IsSafeLink(imageUrl) ? style with { Color = Theme.Link, Link = imageUrl } : style));
                    break;
                case LinkInline link:
                    var url = link.GetDynamicUrl?.Invoke() ?? link.Url;
                    Inline(link, MarkdownRules.IsSafeLink(url) ? style with { Color = Theme.Link, Link = url } : style, spans);
                    break;
                case AutolinkInline autolink:
                    var target = autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url;
                    spans.Add(new Span(autolink.Url, MarkdownRules.IsSafeLink(target) ? style with { Color = Theme.Link, Link = target } : style));
                    break;
                case HtmlEntityInline entity:
                    spans.Add(new Span(entity.Transcoded.ToString(), style));
                    break;
                case TaskList task:
                    spans.Add(new Span(task.Checked ? "☑ " : "☐ ", style));
                    break;
                case ContainerInline other:
                    Inline(other, style, spans);
                    break;
                default:
                    spans.Add(new Span(inline.ToString() ?? "", style));
                    break;
            }
        }
    }

    private static InlineStyle Emphasize(InlineStyle style, EmphasisInline emphasis)
    {
        if (emphasis.DelimiterChar == '~')
        {
            return style with { Strike = true };
        }

        var bold = emphasis.DelimiterCount >= 2 || style.Face is FaceKind.Bold or FaceKind.BoldItalic or FaceKind.MonoBold;
        var italic = emphasis.DelimiterCount == 1 || emphasis.DelimiterCount >= 3 || style.Face is FaceKind.Italic or FaceKind.BoldItalic;
        return style with { Face = (bold, italic) switch { (true, true) => FaceKind.BoldItalic, (true, false) => FaceKind.Bold, (false, true) => FaceKind.Italic, _ => FaceKind.Regular } };
    }

    /// <summary>Whether a block's text starts with a right-to-left strong character (its direction, as HTML <c>dir="auto"</c>).</summary>
    private static bool IsRightToLeft(ContainerBlock block)
    {
        var start = new System.Text.StringBuilder();
        foreach (var literal in block.Descendants<LiteralInline>())
        {
            start.Append(literal.Content.AsSpan());
            if (start.Length > 256)
            {
                break;
            }
        }

        return TextLayout.Direction(start.ToString()) == 1;
    }

    public readonly struct Scope(FlowWriter writer, float left, float right, bool bar) : IDisposable
    {
        public void Dispose()
        {
            writer._left = left;
            writer._right = right;
            if (bar)
            {
                writer._bars.RemoveAt(writer._bars.Count - 1);
            }
        }
    }
}
