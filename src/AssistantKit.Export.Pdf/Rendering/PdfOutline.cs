using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AssistantKit.Export.Pdf.Rendering;

/// <summary>
/// Adds bookmarks (a PDF outline) to a finished PDF by an incremental update: new outline objects, a new version of the
/// catalog that points to them, and a cross-reference section chained to the original. Skia cannot write outlines
/// itself; the original bytes are kept as they are.
/// </summary>
internal static partial class PdfOutline
{
    public static void Append(Stream pdf, IReadOnlyList<(int Page, float Top, string Title)> entries, float pageHeight)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var reader = new ObjectReader(pdf);
        var trailer = reader.Trailer;
        var size = int.Parse(SizePattern().Match(trailer).Groups[1].Value, CultureInfo.InvariantCulture);
        var root = int.Parse(RootPattern().Match(trailer).Groups[1].Value, CultureInfo.InvariantCulture);
        var info = InfoPattern().Match(trailer);
        var catalog = reader.Object(root);
        var pages = new List<int>();
        CollectPages(reader, int.Parse(PagesPattern().Match(catalog).Groups[1].Value, CultureInfo.InvariantCulture), pages);

        var outlines = size;
        var first = size + 1;
        var offsets = new SortedDictionary<int, long>();
        pdf.Seek(0, SeekOrigin.End);
        var output = new StreamWriter(pdf, Encoding.Latin1, leaveOpen: true) { NewLine = "\n" };
        output.Write('\n');
        void Object(int number, string body)
        {
            output.Flush();
            offsets[number] = pdf.Position;
            output.Write(string.Create(CultureInfo.InvariantCulture, $"{number} 0 obj\n{body}\nendobj\n"));
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var (page, top, title) = entries[i];
            var links = new StringBuilder();
            links.Append(CultureInfo.InvariantCulture, $"/Parent {outlines} 0 R");
            if (i > 0)
            {
                links.Append(CultureInfo.InvariantCulture, $" /Prev {first + i - 1} 0 R");
            }

            if (i < entries.Count - 1)
            {
                links.Append(CultureInfo.InvariantCulture, $" /Next {first + i + 1} 0 R");
            }

            var pageObject = pages[Math.Clamp(page - 1, 0, pages.Count - 1)];
            Object(first + i, string.Create(CultureInfo.InvariantCulture, $"<</Title {TextString(title)} {links} /Dest [{pageObject} 0 R /XYZ 0 {pageHeight - top + 4:0.##} 0]>>"));
        }

        Object(outlines, string.Create(CultureInfo.InvariantCulture, $"<</Type /Outlines /First {first} 0 R /Last {first + entries.Count - 1} 0 R /Count {entries.Count}>>"));
        var dictionary = catalog[(catalog.IndexOf("<<", StringComparison.Ordinal) + 2)..catalog.LastIndexOf(">>", StringComparison.Ordinal)];
        Object(root, string.Create(CultureInfo.InvariantCulture, $"<<{dictionary} /Outlines {outlines} 0 R /PageMode /UseOutlines>>"));

        output.Flush();
        var xref = pdf.Position;
        output.Write("xref\n");
        foreach (var run in Runs(offsets.Keys))
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"{run.Start} {run.Count}\n"));
            for (var n = run.Start; n < run.Start + run.Count; n++)
            {
                output.Write(string.Create(CultureInfo.InvariantCulture, $"{offsets[n]:D10} 00000 n \n"));
            }
        }

        var infoEntry = info.Success ? $" /Info {info.Groups[1].Value} 0 R" : "";
        output.Write(string.Create(CultureInfo.InvariantCulture, $"trailer\n<</Size {first + entries.Count} /Root {root} 0 R{infoEntry} /Prev {reader.XrefOffset}>>\nstartxref\n{xref}\n%%EOF\n"));
        output.Flush();
    }

    private static void CollectPages(ObjectReader reader, int node, List<int> pages)
    {
        var body = reader.Object(node);
        if (KidsPattern().Match(body) is { Success: true } kids)
        {
            foreach (Match kid in ReferencePattern().Matches(kids.Groups[1].Value))
            {
                CollectPages(reader, int.Parse(kid.Groups[1].Value, CultureInfo.InvariantCulture), pages);
            }
        }
        else
        {
            pages.Add(node);
        }
    }

    private static IEnumerable<(int Start, int Count)> Runs(IEnumerable<int> numbers)
    {
        int? start = null;
        var count = 0;
        foreach (var n in numbers)
        {
            if (start is { } s && s + count == n)
            {
                count++;
                continue;
            }

            if (start is { } done)
            {
                yield return (done, count);
            }

            (start, count) = (n, 1);
        }

        if (start is { } last)
        {
            yield return (last, count);
        }
    }

    /// <summary>A PDF text string in UTF-16BE with a byte-order mark, as hex: any title, no escaping pitfalls.</summary>
    private static string TextString(string value) => "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(value)) + ">";

    [GeneratedRegex(@"/Size\s+(\d+)")]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"/Root\s+(\d+)\s+0\s+R")]
    private static partial Regex RootPattern();

    [GeneratedRegex(@"/Info\s+(\d+)\s+0\s+R")]
    private static partial Regex InfoPattern();

    [GeneratedRegex(@"/Pages\s+(\d+)\s+0\s+R")]
    private static partial Regex PagesPattern();

    [GeneratedRegex(@"/Kids\s*\[([^\]]*)\]")]
    private static partial Regex KidsPattern();

    [GeneratedRegex(@"(\d+)\s+0\s+R")]
    private static partial Regex ReferencePattern();

    /// <summary>Reads objects of a PDF with a classic cross-reference table (what Skia writes).</summary>
    private sealed class ObjectReader
    {
        private readonly Stream _pdf;
        private readonly Dictionary<int, long> _offsets = [];

        public ObjectReader(Stream pdf)
        {
            _pdf = pdf;
            var tailLength = (int)Math.Min(pdf.Length, 2048);
            var tail = Read(pdf.Length - tailLength, tailLength);
            var start = tail.LastIndexOf("startxref", StringComparison.Ordinal);
            XrefOffset = long.Parse(tail[(start + 9)..].Trim().Split('\n')[0].Trim(), CultureInfo.InvariantCulture);
            var section = Read(XrefOffset, (int)Math.Min(pdf.Length - XrefOffset, int.MaxValue));
            var lines = section.Split('\n');
            if (lines[0].Trim() != "xref")
            {
                throw new InvalidDataException("The PDF has no classic cross-reference table.");
            }

            var i = 1;
            while (!lines[i].StartsWith("trailer", StringComparison.Ordinal))
            {
                var header = lines[i++].Trim().Split(' ');
                var first = int.Parse(header[0], CultureInfo.InvariantCulture);
                var count = int.Parse(header[1], CultureInfo.InvariantCulture);
                for (var n = 0; n < count; n++, i++)
                {
                    var entry = lines[i].Trim();
                    if (entry.EndsWith('n'))
                    {
                        _offsets[first + n] = long.Parse(entry[..10], CultureInfo.InvariantCulture);
                    }
                }
            }

            Trailer = section[section.IndexOf("trailer", StringComparison.Ordinal)..];
        }

        public long XrefOffset { get; }

        public string Trailer { get; }

        public string Object(int number)
        {
            var offset = _offsets[number];
            var text = Read(offset, (int)Math.Min(_pdf.Length - offset, 4096));
            var end = text.IndexOf("endobj", StringComparison.Ordinal);
            return end < 0 ? text : text[..end];
        }

        private string Read(long offset, int length)
        {
            var buffer = new byte[length];
            _pdf.Seek(offset, SeekOrigin.Begin);
            _pdf.ReadExactly(buffer);
            return Encoding.Latin1.GetString(buffer);
        }
    }
}
