using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using AssistantKit.Text;

namespace AssistantKit.Export.Text;

/// <summary>Markdown writing and plain-text rendering helpers of the built-in formatters.</summary>
internal static class MarkdownSupport
{
    /// <summary>Escapes text so that Markdown shows it literally on one line (titles, author names).</summary>
    public static string EscapeInline(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '~' or '!' or '&' or '{' or '}' or '(' or ')':
                    builder.Append('\\').Append(c);
                    break;
                case '\r' or '\n':
                    builder.Append(' ');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Renders a Markdown body as readable plain text: emphasis markers go, links keep their URL, code is indented.</summary>
    public static void WritePlainText(string markdown, TextWriter writer)
    {
        var document = Markdown.Parse(markdown, UntrustedMarkdown.Pipeline);
        foreach (var block in document)
        {
            WriteBlock(block, writer, "");
        }
    }

    private static void WriteBlock(Block block, TextWriter writer, string indent)
    {
        switch (block)
        {
            case HeadingBlock heading:
                writer.Write(indent);
                WriteInlines(heading.Inline, writer);
                writer.WriteLine();
                writer.WriteLine();
                break;
            case ParagraphBlock paragraph:
                writer.Write(indent);
                WriteInlines(paragraph.Inline, writer, indent);
                writer.WriteLine();
                writer.WriteLine();
                break;
            case CodeBlock code:
                foreach (var line in code.Lines)
                {
                    writer.Write(indent);
                    writer.Write("    ");
                    writer.WriteLine(line.ToString());
                }

                writer.WriteLine();
                break;
            case ListBlock list:
                var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var bullet = list.IsOrdered ? $"{number++}. " : "- ";
                    writer.Write(indent + bullet);
                    var first = true;
                    foreach (var child in item)
                    {
                        if (first && child is ParagraphBlock p)
                        {
                            WriteInlines(p.Inline, writer, indent + new string(' ', bullet.Length));
                            writer.WriteLine();
                        }
                        else
                        {
                            WriteBlock(child, writer, indent + new string(' ', bullet.Length));
                        }

                        first = false;
                    }
                }

                writer.WriteLine();
                break;
            case QuoteBlock quote:
                foreach (var child in quote)
                {
                    WriteBlock(child, writer, indent + "> ");
                }

                break;
            case Table table:
                foreach (var row in table.OfType<TableRow>())
                {
                    writer.Write(indent);
                    var firstCell = true;
                    foreach (var cell in row.OfType<TableCell>())
                    {
                        writer.Write(firstCell ? "" : " | ");
                        firstCell = false;
                        foreach (var paragraph in cell.OfType<ParagraphBlock>())
                        {
                            WriteInlines(paragraph.Inline, writer);
                        }
                    }

                    writer.WriteLine();
                }

                writer.WriteLine();
                break;
            case ThematicBreakBlock:
                writer.WriteLine(indent + "----------");
                writer.WriteLine();
                break;
            case LeafBlock leaf:
                foreach (var line in leaf.Lines)
                {
                    writer.Write(indent);
                    writer.WriteLine(line.ToString());
                }

                writer.WriteLine();
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    WriteBlock(child, writer, indent);
                }

                break;
        }
    }

    private static void WriteInlines(ContainerInline? container, TextWriter writer, string indent = "")
    {
        for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    writer.Write(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    writer.Write(code.Content);
                    break;
                case LineBreakInline:
                    writer.WriteLine();
                    writer.Write(indent);
                    break;
                case AutolinkInline autolink:
                    writer.Write(autolink.Url);
                    break;
                case LinkInline { IsImage: true } image:
                    writer.Write('[');
                    WriteInlines(image, writer, indent);
                    writer.Write("] <");
                    writer.Write(image.Url);
                    writer.Write('>');
                    break;
                case LinkInline link:
                    WriteInlines(link, writer, indent);
                    if (!string.IsNullOrEmpty(link.Url) && !link.IsAutoLink)
                    {
                        writer.Write(" <");
                        writer.Write(link.Url);
                        writer.Write('>');
                    }

                    break;
                case HtmlEntityInline entity:
                    writer.Write(entity.Transcoded.AsSpan());
                    break;
                case ContainerInline children:
                    WriteInlines(children, writer, indent);
                    break;
                default:
                    writer.Write(inline.ToString());
                    break;
            }
        }
    }
}
