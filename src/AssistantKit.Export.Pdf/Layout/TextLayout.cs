using System.Text;
using AssistantKit.Export.Pdf.Text;
using AssistantKit.Text;
using SkiaSharp;

namespace AssistantKit.Export.Pdf.Layout;

/// <summary>How a piece of inline text looks.</summary>
internal readonly record struct InlineStyle(FaceKind Face, float Size, SKColor Color, string? Link = null, bool Strike = false, bool Code = false)
{
    public InlineStyle With(FaceKind face) => this with { Face = face };
}

/// <summary>Inline text with its style; <c>\n</c> is a hard line break.</summary>
internal readonly record struct Span(string Text, InlineStyle Style);

/// <summary>
/// Sets styled text in lines of a given width, as a browser would: the paragraph direction from its first strong character
/// (HTML <c>dir="auto"</c>) and embedding levels by the bidirectional algorithm; grapheme clusters set in the first font
/// that has them; pieces of one font, style and direction shaped by HarfBuzz; lines broken at the opportunities of the
/// line breaking algorithm (inside a word only when it is wider than the line, and then between grapheme clusters);
/// each line reordered for display, and right-aligned when the paragraph is right to left.
/// </summary>
internal sealed class TextLayout(PdfFonts fonts) : IDisposable
{
    public const float LineSpacing = 1.4f;
    private const string Replacement = "\uFFFD";
    private const int MaxClusterMarks = 30;

    private readonly Shaper _shaper = new();
    private readonly Dictionary<(SKTypeface, float, bool, bool), SKFont> _fontCache = [];

    // Reused from one call to the next (layout is sequential per instance; nothing returned refers to them): the items
    // of the text being set, and the paragraph's code points, their UTF-16 indexes, break opportunities and levels.
    private readonly List<Item> _items = [];
    private int _itemsUsed;
    private int[] _codePoints = new int[256];
    private int[] _at = new int[257];
    private BreakKind[] _breaks = new BreakKind[257];
    private byte[] _levels = new byte[256];
    private LineBuilder? _builder;
    private readonly List<(int Start, InlineStyle Style)> _styles = [];

    public PdfFonts Fonts => fonts;

    /// <summary>
    /// Gets or sets whether lines carry their glyph runs and boxes; off for the measuring pass, which needs only line
    /// heights (the glyphs used are still noted for subsetting).
    /// </summary>
    public bool Draws { get; set; } = true;

    /// <summary>The Skia font that draws <paramref name="face"/> at <paramref name="size"/> with <paramref name="typeface"/> (the face or its subset).</summary>
    public SKFont Font(FontFace face, SKTypeface typeface, float size)
    {
        var key = (typeface, size, face.FakeBold, face.FakeItalic);
        if (!_fontCache.TryGetValue(key, out var font))
        {
            _fontCache[key] = font = new SKFont(typeface, size)
            {
                Subpixel = true,
                LinearMetrics = true,
                Embolden = face.FakeBold,
                SkewX = face.FakeItalic ? -0.2f : 0,
            };
        }

        return font;
    }

    /// <summary>The width of <paramref name="spans"/> on one line (of its widest line, with hard breaks).</summary>
    public float Measure(IReadOnlyList<Span> spans)
    {
        var builder = Begin(0, float.MaxValue, preserveSpaces: false, 10, measureOnly: true);
        Fill(spans, preserveSpaces: false, direction: -1, builder);
        builder.Finish();
        return builder.Widest;
    }

    public float Measure(string text, InlineStyle style) => Measure([new Span(text, style)]);

    /// <summary>The width a line's runs cover.</summary>
    public static float Width(PdfLine line) => line.Runs.Count == 0 ? 0 : line.Runs.Max(r => r.X + r.Width) - line.Runs.Min(r => r.X);

    /// <summary>The paragraph direction of a text (0 left to right, 1 right to left) from its first strong character.</summary>
    public static int Direction(string text)
    {
        if (!NeedsBidi(text))
        {
            return 0;
        }

        var codePoints = new int[text.Length];
        var n = CodePoints(text, codePoints, new int[text.Length + 1]);
        return BidiAlgorithm.ParagraphLevel(BidiAlgorithm.Classes(codePoints.AsSpan(0, n)));
    }

    /// <summary>Lays out <paramref name="spans"/> in lines of <paramref name="width"/>, starting at <paramref name="left"/>.</summary>
    /// <param name="spans">The text.</param>
    /// <param name="left">The x of the lines' left edge.</param>
    /// <param name="width">The available width.</param>
    /// <param name="preserveSpaces">Whether spaces are kept as written (code).</param>
    /// <param name="direction">0 left to right, 1 right to left, -1 from the first strong character.</param>
    /// <returns>The lines, never empty.</returns>
    public List<PdfLine> Layout(IReadOnlyList<Span> spans, float left, float width, bool preserveSpaces = false, int direction = -1)
    {
        var builder = Begin(left, width, preserveSpaces, spans.Count > 0 ? spans[0].Style.Size : 10, measureOnly: false);
        Fill(spans, preserveSpaces, direction, builder);
        return builder.Finish();
    }

    /// <summary>Starts setting a text: the items of the last one are free again, and the line builder starts afresh.</summary>
    private LineBuilder Begin(float left, float width, bool preserveSpaces, float defaultSize, bool measureOnly)
    {
        // What one huge paragraph needed is not kept for the rest of the export.
        const int Keep = 16 * 1024;
        if (_items.Count > Keep)
        {
            _items.RemoveRange(Keep, _items.Count - Keep);
        }

        if (_codePoints.Length > 4 * Keep)
        {
            (_codePoints, _at, _breaks, _levels) = (new int[256], new int[257], new BreakKind[257], new byte[256]);
        }

        _itemsUsed = 0;
        _builder ??= new LineBuilder(this);
        _builder.Reset(left, width, preserveSpaces, defaultSize, measureOnly);
        return _builder;
    }

    /// <summary>An item to fill in, reused from an earlier text.</summary>
    private Item NewItem()
    {
        if (_itemsUsed == _items.Count)
        {
            _items.Add(new Item());
        }

        return _items[_itemsUsed++];
    }

    /// <summary>Hands the paragraphs of <paramref name="spans"/> (split at hard breaks) to <paramref name="builder"/>.</summary>
    private void Fill(IReadOnlyList<Span> spans, bool preserveSpaces, int direction, LineBuilder builder)
    {
        // Message text arrives as the source has it: lone surrogates become U+FFFD here, the one entry of all drawn text.
        var styles = _styles;
        styles.Clear();
        string all;
        if (spans.Count == 1)
        {
            styles.Add((0, spans[0].Style));
            all = Clean(spans[0].Text, preserveSpaces);
        }
        else
        {
            var text = new StringBuilder();
            foreach (var span in spans)
            {
                styles.Add((text.Length, span.Style));
                text.Append(Clean(span.Text, preserveSpaces));
            }

            all = text.ToString();
        }
        var level = direction >= 0 ? direction : Direction(all);
        builder.ParagraphLevel = level;
        var start = 0;
        while (true)
        {
            var end = all.IndexOf('\n', start);
            Paragraph(all, start, end < 0 ? all.Length : end, styles, level, builder);
            if (end < 0)
            {
                break;
            }

            builder.Flush(force: true);
            start = end + 1;
        }
    }

    private static string Clean(string text, bool preserveSpaces) =>
        TextSanitizer.ToValidUnicode(text).Replace("\t", preserveSpaces ? "    " : " ", StringComparison.Ordinal);

    /// <summary>One line that never wraps: text that does not fit is cut with an ellipsis.</summary>
    public PdfLine SingleLine(IReadOnlyList<Span> spans, float left, float width)
    {
        var lines = Layout(spans, left, width);
        if (lines.Count == 1)
        {
            return lines[0];
        }

        // Keep the longest start of the text that fits with "…" after it, from what the first line holds.
        var keep = lines[0].Runs.Sum(r => r.Text.Length);
        for (var attempt = 0; attempt < 32 && keep > 0; attempt++, keep--)
        {
            if (Layout(Truncate(spans, keep), left, width) is [var line])
            {
                return line;
            }
        }

        return lines[0];
    }

    public void Dispose() => _shaper.Dispose();

    private static List<Span> Truncate(IReadOnlyList<Span> spans, int length)
    {
        var result = new List<Span>();
        foreach (var span in spans)
        {
            var take = Math.Min(span.Text.Length, length);
            if (take > 0 && char.IsHighSurrogate(span.Text[take - 1]))
            {
                take--;
            }

            result.Add(span with { Text = span.Text[..take] });
            length -= take;
            if (length <= 0)
            {
                break;
            }
        }

        var last = result[^1];
        result[^1] = last with { Text = last.Text.TrimEnd() + "…" };
        return result;
    }

    /// <summary>Whether a text may have characters of right-to-left scripts or bidirectional controls (else every level is 0).</summary>
    private static bool NeedsBidi(string text)
    {
        foreach (var c in text)
        {
            if (c >= '\u0590' && (c <= '\u08FF' || c is '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')
                || c is (>= '\uFB1D' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF') or '\uD802' or '\uD803' or '\uD83A' or '\uD83B'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes the code points of <paramref name="text"/> and the UTF-16 index of each (and of the end) to the arrays, which hold at least its length; returns how many.</summary>
    private static int CodePoints(string text, int[] codePoints, int[] at)
    {
        var n = 0;
        for (var i = 0; i < text.Length; n++)
        {
            var c = text[i];
            var value = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? char.ConvertToUtf32(c, text[i + 1]) : c;
            codePoints[n] = value;
            at[n] = i;
            i += value > 0xFFFF ? 2 : 1;
        }

        at[n] = text.Length;
        return n;
    }

    /// <summary>Splits a paragraph (no hard breaks) into items and hands them to the line builder.</summary>
    private void Paragraph(string all, int start, int end, List<(int Start, InlineStyle Style)> styles, int paragraphLevel, LineBuilder builder)
    {
        var text = all[start..end];
        if (text.Length == 0)
        {
            return;
        }

        if (_codePoints.Length < text.Length)
        {
            _codePoints = new int[text.Length * 2];
            _at = new int[(text.Length * 2) + 1];
            _breaks = new BreakKind[(text.Length * 2) + 1];
            _levels = new byte[text.Length * 2];
        }

        var n = CodePoints(text, _codePoints, _at);
        var codePoints = _codePoints;
        var at = _at;
        byte[]? levels = null; // all 0 unless the text has right-to-left characters or controls
        if (paragraphLevel == 1 || NeedsBidi(text))
        {
            levels = _levels;
            BidiAlgorithm.Resolve(codePoints.AsSpan(0, n), BidiAlgorithm.Classes(codePoints.AsSpan(0, n)), paragraphLevel, levels.AsSpan(0, n));
        }

        var breaks = _breaks.AsSpan(0, n + 1);
        LineBreaker.Find(codePoints.AsSpan(0, n), breaks);

        var styleIndex = 0;
        Item? current = null;
        var i = 0;
        while (i < n)
        {
            // A cluster ends at its boundary, or after 30 marks (the stream-safe limit of UAX #15): no cluster grows without bound.
            var j = i + 1;
            while (j < n && j - i <= MaxClusterMarks && !GraphemeBreaker.IsBoundary(codePoints.AsSpan(0, n), j))
            {
                j++;
            }

            while (styleIndex + 1 < styles.Count && styles[styleIndex + 1].Start <= start + at[i])
            {
                styleIndex++;
            }

            var style = styles[styleIndex].Style;
            var cluster = codePoints.AsSpan(i, j - i);
            var space = j - i == 1 && codePoints[i] == ' ';
            FontFace? face;
            var missing = false;
            if (IsIgnorable(cluster))
            {
                face = current?.Face ?? fonts.Face(style.Face); // invisible: shaped with its neighbours' font
            }
            else if ((face = fonts.For(cluster, style.Face)) is null)
            {
                missing = true;
                face = fonts.Face(FaceKind.Regular);
            }

            var continues = current is not null && breaks[i] == BreakKind.None && current.Style == style && current.Level == (levels?[i] ?? 0)
                && current.Face == face && current.IsSpace == space && !missing && !current.Missing;
            if (!continues)
            {
                if (current is not null)
                {
                    builder.Add(Finish(current, text, at));
                }

                current = NewItem().Init(i, style, face, levels?[i] ?? 0, i == 0 ? BreakKind.None : breaks[i], space, missing);
            }

            current!.End = j;
            i = j;
        }

        if (current is not null)
        {
            builder.Add(Finish(current, text, at));
        }

        Item Finish(Item item, string paragraph, int[] indexes)
        {
            item.Chars = item.Missing ? Replacement.AsMemory() : item.IsSpace && item.End - item.Start == 1 ? " ".AsMemory() : paragraph.AsMemory(indexes[item.Start], indexes[item.End] - indexes[item.Start]);
            item.CodePoints = codePoints.AsMemory(item.Start, item.End - item.Start);
            Shape(item);
            return item;
        }
    }

    private void Shape(Item item)
    {
        item.Glyphs = _shaper.Shape(item.Face, item.Chars, (item.Level & 1) == 1);
        item.Width = item.Glyphs.Width * item.Style.Size / item.Face.UnitsPerEm;
    }

    /// <summary>The piece of <paramref name="item"/> from code point <paramref name="from"/> to <paramref name="to"/> (item-relative), shaped.</summary>
    private Item Piece(Item item, int from, int to)
    {
        var offset = 0;
        var span = item.CodePoints.Span;
        for (var k = 0; k < from; k++)
        {
            offset += new Rune(span[k]).Utf16SequenceLength;
        }

        var length = 0;
        for (var k = from; k < to; k++)
        {
            length += new Rune(span[k]).Utf16SequenceLength;
        }

        var piece = NewItem().Init(item.Start + from, item.Style, item.Face, item.Level, from == 0 ? item.Before : BreakKind.Allowed, item.IsSpace, item.Missing);
        piece.End = item.Start + to;
        piece.Chars = item.Missing ? Replacement.AsMemory() : item.Chars.Slice(offset, length);
        piece.CodePoints = item.CodePoints[from..to];
        Shape(piece);
        return piece;
    }

    /// <summary>Default ignorable and control characters (joiners, bidi controls, variation selectors): no font needs a glyph for them.</summary>
    private static bool IsIgnorable(ReadOnlySpan<int> cluster)
    {
        if (cluster[0] is >= 0x20 and < 0xAD)
        {
            return false;
        }

        foreach (var codePoint in cluster)
        {
            var type = UnicodeTables.Bidi(codePoint);
            if (!(BidiAlgorithm.IsRemoved(type) || type is BidiClass.LRI or BidiClass.RLI or BidiClass.FSI or BidiClass.PDI
                || codePoint is 0x200E or 0x200F or 0x061C or (>= 0xFE00 and <= 0xFE0F) or (< 0x20 and not '\t')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A run of text in one face, style and embedding level, between two break opportunities at most.</summary>
    /// <remarks>Items are reused from one text to the next (<see cref="NewItem"/>): <see cref="Init"/> sets every field.</remarks>
    private sealed class Item
    {
        public int Start { get; private set; }

        public int End { get; set; }

        public InlineStyle Style { get; private set; }

        public FontFace Face { get; private set; } = null!;

        public byte Level { get; private set; }

        public BreakKind Before { get; private set; }

        public bool IsSpace { get; private set; }

        public bool Missing { get; private set; }

        /// <summary>Gets or sets the item's characters: a slice of its paragraph, never copied.</summary>
        public ReadOnlyMemory<char> Chars { get; set; }

        /// <summary>Gets or sets the item's code points: a slice of the paragraph's, valid while the paragraph is set.</summary>
        public ReadOnlyMemory<int> CodePoints { get; set; }

        public ShapedText Glyphs { get; set; } = null!;

        public float Width { get; set; }

        public Item Init(int start, InlineStyle style, FontFace face, byte level, BreakKind before, bool isSpace, bool missing)
        {
            (Start, End, Style, Face, Level, Before, IsSpace, Missing) = (start, start, style, face, level, before, isSpace, missing);
            (Chars, CodePoints, Glyphs, Width) = (default, default, null!, 0);
            return this;
        }
    }

    /// <summary>Fills lines with items: a word (the items between two break opportunities) goes on the line if it fits.</summary>
    private sealed class LineBuilder(TextLayout layout)
    {
        private readonly List<Item> _group = [];
        private List<PdfLine> _lines = [];
        private float _left, _width, _defaultSize;
        private bool _preserveSpaces, _measureOnly;

        /// <summary>Starts a new text: no lines, nothing pending.</summary>
        public void Reset(float left, float width, bool preserveSpaces, float defaultSize, bool measureOnly)
        {
            (_left, _width, _preserveSpaces, _defaultSize, _measureOnly, ParagraphLevel) = (left, width, preserveSpaces, defaultSize, measureOnly, 0);
            _lines = [];
            _line.Clear();
            _word.Clear();
            _x = 0;
            Widest = 0;
        }

        /// <summary>Gets or sets the paragraph level (0 left to right, 1 right to left).</summary>
        public int ParagraphLevel { get; set; }

        /// <summary>Gets the width of the widest line ended so far.</summary>
        public float Widest { get; private set; }
        private readonly List<Item> _line = [];
        private readonly List<Item> _word = [];
        private readonly List<Item> _scratch = [];
        private float _x;

        public void Add(Item item)
        {
            if (item.Before != BreakKind.None && _word.Count > 0)
            {
                PlaceWord();
            }

            if (item.Before == BreakKind.Mandatory)
            {
                Flush(force: true);
            }

            _word.Add(item);
        }

        public List<PdfLine> Finish()
        {
            Flush(force: _line.Count > 0 || _word.Count > 0 || _lines.Count == 0);
            return _lines;
        }

        public void Flush(bool force)
        {
            if (_word.Count > 0)
            {
                PlaceWord();
            }

            EndLine(force);
        }

        private void PlaceWord()
        {
            var word = _scratch;
            word.Clear();
            word.AddRange(_word);
            _word.Clear();
            while (!_preserveSpaces && _line.Count == 0 && word.Count > 0 && word[0].IsSpace)
            {
                word.RemoveAt(0); // no line starts with a space
            }

            float inked = 0, trailing = 0; // trailing spaces may hang past the edge
            foreach (var item in word)
            {
                if (item.IsSpace && !_preserveSpaces)
                {
                    trailing += item.Width;
                }
                else
                {
                    inked += item.Width;
                }
            }

            if (_x + inked <= _width)
            {
                Place(word, inked + trailing);
                return;
            }

            if (inked <= _width)
            {
                EndLine(force: false);
                while (!_preserveSpaces && word.Count > 0 && word[0].IsSpace)
                {
                    word.RemoveAt(0); // the new line starts with the word, not the spaces before it; those after it stay
                }
                Place(word, inked);
                return;
            }

            // Wider than a line: break it between grapheme clusters.
            foreach (var item in word)
            {
                Split(item);
            }
        }

        private void Split(Item item)
        {
            if (item.IsSpace && !_preserveSpaces)
            {
                if (_line.Count > 0)
                {
                    Place([item], item.Width);
                }

                return;
            }

            // Advance of each code point of the item, from its shaped glyphs (a cluster's glyphs count for its first code point).
            var codePoints = item.CodePoints.Span;
            var utf16 = new int[codePoints.Length + 1];
            for (var k = 0; k < codePoints.Length; k++)
            {
                utf16[k + 1] = utf16[k] + new Rune(codePoints[k]).Utf16SequenceLength;
            }

            var advances = new float[codePoints.Length];
            var scale = item.Style.Size / item.Face.UnitsPerEm;
            for (var g = 0; g < item.Glyphs.Glyphs.Length; g++)
            {
                var k = Array.BinarySearch(utf16, item.Glyphs.Clusters[g]);
                advances[Math.Clamp(k < 0 ? ~k - 1 : k, 0, advances.Length - 1)] += item.Glyphs.Advances[g] * scale;
            }

            var from = 0;
            while (from < codePoints.Length)
            {
                // The most whole clusters from `from` that fit the rest of the line; on an empty line at least one.
                var to = from;
                var used = 0f;
                while (to < codePoints.Length)
                {
                    var next = to + 1;
                    var add = advances[to];
                    while (next < codePoints.Length && !GraphemeBreaker.IsBoundary(codePoints, next))
                    {
                        add += advances[next++];
                    }

                    if (_x + used + add > _width && (to > from || _line.Count > 0))
                    {
                        break;
                    }

                    used += add;
                    to = next;
                }

                if (to == from)
                {
                    EndLine(force: false); // not even one cluster fits after what the line has
                    continue;
                }

                var piece = layout.Piece(item, from, to);
                Place([piece], piece.Width);
                from = to;
                if (from < codePoints.Length)
                {
                    EndLine(force: false);
                }
            }
        }

        private void Place(List<Item> items, float advance)
        {
            _line.AddRange(items);
            _x += advance;
        }

        private void EndLine(bool force)
        {
            var items = _line;
            if (!_preserveSpaces)
            {
                while (items.Count > 0 && items[^1].IsSpace)
                {
                    items.RemoveAt(items.Count - 1);
                }
            }

            if (items.Count == 0 && !force && _lines.Count > 0)
            {
                _x = 0;
                return;
            }

            var lineWidth = 0f;
            foreach (var item in items)
            {
                lineWidth += item.Width;
            }

            Widest = Math.Max(Widest, lineWidth);
            if (_measureOnly)
            {
                _line.Clear();
                _x = 0;
                return;
            }

            var size = items.Count == 0 ? _defaultSize : 0;
            foreach (var item in items)
            {
                size = Math.Max(size, item.Style.Size);
            }

            var line = new PdfLine(size * LineSpacing) { RightToLeft = ParagraphLevel == 1 };
            if (!layout.Draws)
            {
                foreach (var item in items)
                {
                    layout.Fonts.Use(item.Face, item.Glyphs);
                }

                _lines.Add(line);
                _line.Clear();
                _x = 0;
                return;
            }

            var baseline = (size * (LineSpacing - 1) / 2) + (size * 0.8f);
            var x = _left + (ParagraphLevel == 1 && _width < float.MaxValue / 2 ? Math.Max(0, _width - lineWidth) : 0);
            var group = _group;
            group.Clear();
            var groupX = x;
            foreach (var index in VisualOrder(items))
            {
                var item = items[index];
                var style = item.Style;
                if (style.Code)
                {
                    line.Boxes.Add(new Box(x - 1.5f, baseline - (style.Size * 0.85f), item.Width + 3, style.Size * 1.15f, Theme.InlineCodeBackground));
                }

                layout.Fonts.Use(item.Face, item.Glyphs);
                if (group.Count > 0 && !Joins(group[^1], item))
                {
                    line.Runs.Add(Run(group, groupX, baseline));
                    group.Clear();
                }

                if (group.Count == 0)
                {
                    groupX = x;
                }

                group.Add(item);
                x += item.Width;
            }

            if (group.Count > 0)
            {
                line.Runs.Add(Run(group, groupX, baseline));
            }

            _lines.Add(line);
            _line.Clear();
            _x = 0;
        }

        /// <summary>Whether two items next to each other on a line are drawn as one run: the same look, left to right.</summary>
        private static bool Joins(Item a, Item b) =>
            a.Face == b.Face && a.Style.Size == b.Style.Size && a.Style.Color == b.Style.Color && a.Style.Link == b.Style.Link
            && a.Style.Strike == b.Style.Strike && (a.Level & 1) == 0 && (b.Level & 1) == 0;

        /// <summary>One run of items that join (or of one item), with their glyphs and text in a row.</summary>
        private static GlyphRun Run(List<Item> group, float x, float baseline)
        {
            var first = group[0];
            var style = first.Style;
            if (group.Count == 1)
            {
                return new GlyphRun(x, baseline, first.Face, style.Size, style.Color, first.Width, first.Glyphs, first.Chars, (first.Level & 1) == 1, style.Link, style.Strike);
            }

            var parts = new (ShapedText, int)[group.Count];
            var length = 0;
            var width = 0f;
            for (var i = 0; i < group.Count; i++)
            {
                parts[i] = (group[i].Glyphs, length);
                length += group[i].Chars.Length;
                width += group[i].Width;
            }

            return new GlyphRun(x, baseline, first.Face, style.Size, style.Color, width, ShapedText.Concat(parts), Text(group, length), false, style.Link, style.Strike);
        }

        /// <summary>The text of items in a row: the slice of their paragraph they come from when they are its characters in order (a replacement character is not), else a copy.</summary>
        private static ReadOnlyMemory<char> Text(List<Item> group, int length)
        {
            if (System.Runtime.InteropServices.MemoryMarshal.TryGetString(group[0].Chars, out var paragraph, out var start, out _))
            {
                var end = start;
                foreach (var item in group)
                {
                    if (!System.Runtime.InteropServices.MemoryMarshal.TryGetString(item.Chars, out var of, out var at, out var count) || !ReferenceEquals(of, paragraph) || at != end)
                    {
                        end = -1;
                        break;
                    }

                    end += count;
                }

                if (end >= 0)
                {
                    return paragraph.AsMemory(start, length);
                }
            }

            var text = new StringBuilder(length);
            foreach (var item in group)
            {
                text.Append(item.Chars.Span);
            }

            return text.ToString().AsMemory();
        }

        /// <summary>L2 on whole items (each has one level): the order in which they are drawn from the left.</summary>
        private static int[] VisualOrder(List<Item> items)
        {
            var order = new int[items.Count];
            byte highest = 0, lowestOdd = byte.MaxValue;
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
                highest = Math.Max(highest, items[i].Level);
                lowestOdd = (items[i].Level & 1) == 1 ? Math.Min(lowestOdd, items[i].Level) : lowestOdd;
            }

            if (highest == 0)
            {
                return order;
            }

            for (int level = highest; level >= lowestOdd && level > 0; level--)
            {
                for (var i = 0; i < order.Length; i++)
                {
                    if (items[order[i]].Level < level)
                    {
                        continue;
                    }

                    var end = i;
                    while (end + 1 < order.Length && items[order[end + 1]].Level >= level)
                    {
                        end++;
                    }

                    Array.Reverse(order, i, end - i + 1);
                    i = end;
                }
            }

            return order;
        }
    }
}
