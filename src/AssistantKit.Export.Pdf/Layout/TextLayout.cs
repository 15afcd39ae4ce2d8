using System.Globalization;
using System.Text;
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
/// Breaks styled text into lines of a given width: at spaces, between CJK characters, and inside words that are wider than
/// the line (long URLs, hashes). Each character is set in the first face that has it.
/// </summary>
internal sealed class TextLayout(PdfFonts fonts)
{
    public const float LineSpacing = 1.4f;
    private const string Replacement = "\uFFFD";

    private readonly Dictionary<(SKTypeface, float), SKFont> _fontCache = [];

    public PdfFonts Fonts => fonts;

    public SKFont Font(SKTypeface face, float size)
    {
        if (!_fontCache.TryGetValue((face, size), out var font))
        {
            _fontCache[(face, size)] = font = new SKFont(face, size) { Subpixel = true, LinearMetrics = true };
        }

        return font;
    }

    /// <summary>Measures text set in one face, and notes its characters for font subsetting (whatever is drawn is measured first).</summary>
    public float Measure(string text, SKTypeface face, float size)
    {
        fonts.Use(face, text);
        return Font(face, size).MeasureText(text);
    }

    /// <summary>Lays out <paramref name="spans"/> in lines of <paramref name="width"/>, starting at <paramref name="left"/>.</summary>
    /// <param name="spans">The text.</param>
    /// <param name="left">The x of the lines' left edge.</param>
    /// <param name="width">The available width.</param>
    /// <param name="preserveSpaces">Whether spaces are kept as written (code).</param>
    /// <returns>The lines, never empty.</returns>
    public List<PdfLine> Layout(IReadOnlyList<Span> spans, float left, float width, bool preserveSpaces = false)
    {
        var builder = new LineBuilder(this, left, width, preserveSpaces, spans.Count > 0 ? spans[0].Style.Size : 10);
        foreach (var span in spans)
        {
            // Message text arrives as the source has it: lone surrogates become U+FFFD here, the one entry of all drawn text.
            foreach (var token in Tokens(TextSanitizer.ToValidUnicode(span.Text), preserveSpaces))
            {
                builder.Add(token, span.Style);
            }
        }

        return builder.Finish();
    }

    /// <summary>One line that never wraps: text that does not fit is cut with an ellipsis.</summary>
    public PdfLine SingleLine(IReadOnlyList<Span> spans, float left, float width)
    {
        var lines = Layout(spans, left, width);
        if (lines.Count == 1)
        {
            return lines[0];
        }

        var line = lines[0];
        var last = line.Runs[^1];
        var ellipsis = Measure("…", last.Face, last.Size);
        while (line.Runs.Count > 0 && line.Runs[^1].X + line.Runs[^1].Width + ellipsis > left + width)
        {
            var run = line.Runs[^1];
            line.Runs.RemoveAt(line.Runs.Count - 1);
            if (run.Text.Length > 1)
            {
                var text = run.Text[..^1].TrimEnd();
                line.Runs.Add(run with { Text = text, Width = Measure(text, run.Face, run.Size) });
            }
        }

        if (line.Runs.Count > 0)
        {
            var end = line.Runs[^1];
            line.Runs[^1] = end with { Text = end.Text + "…", Width = end.Width + ellipsis };
        }

        return line;
    }

    /// <summary>Splits text into words, single CJK characters, spaces and hard breaks.</summary>
    private static IEnumerable<string> Tokens(string text, bool preserveSpaces)
    {
        var start = -1;
        for (var i = 0; i < text.Length;)
        {
            var rune = Rune.GetRuneAt(text, i);
            var length = rune.Utf16SequenceLength;
            var breaksAround = rune.Value == '\n' || rune.Value == ' ' || rune.Value == '\t' || IsCjk(rune);
            if (breaksAround)
            {
                if (start >= 0)
                {
                    yield return text[start..i];
                    start = -1;
                }

                // A CJK character keeps the closing punctuation after it: no line starts with "，" or "。".
                while (IsCjk(rune) && i + length < text.Length && ClosingPunctuation.Contains(text[i + length]))
                {
                    length++;
                }

                yield return rune.Value == '\t' ? (preserveSpaces ? "    " : " ") : text.Substring(i, length);
            }
            else if (start < 0)
            {
                start = i;
            }

            i += length;
        }

        if (start >= 0)
        {
            yield return text[start..];
        }
    }

    private const string ClosingPunctuation = "，。、！？：；）」』】〕〉》・ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ.,!?:;)";

    private static bool IsCjk(Rune rune) => rune.Value is (>= 0x2E80 and <= 0x9FFF) or (>= 0xAC00 and <= 0xD7AF) or (>= 0xF900 and <= 0xFAFF) or (>= 0xFF00 and <= 0xFFEF) or (>= 0x20000 and <= 0x3FFFF);

    /// <summary>
    /// The pieces of <paramref name="text"/> by the face that draws them, measured; characters no face has become U+FFFD.
    /// Pieces are slices of the text: a token in one face is returned as itself.
    /// </summary>
    private List<(string Text, SKTypeface Face, float Width)> ByFace(string text, FaceKind kind, float size)
    {
        var pieces = new List<(string, SKTypeface, float)>(1);
        SKTypeface? face = null;
        var start = 0;
        void Cut(int end)
        {
            if (face is not null && end > start)
            {
                var piece = text[start..end];
                pieces.Add((piece, face, Measure(piece, face, size)));
            }
        }

        for (var i = 0; i < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length);
            var chosen = Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format && rune.Value != 0x200D
                ? null
                : fonts.For(rune, kind);
            if (chosen != face || chosen is null)
            {
                Cut(i);
                (face, start) = (chosen, i);
                if (chosen is null && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control or UnicodeCategory.Format))
                {
                    var regular = fonts.Face(FaceKind.Regular);
                    pieces.Add((Replacement, regular, Measure(Replacement, regular, size)));
                }
            }

            i += length;
            if (face is null)
            {
                start = i;
            }
        }

        Cut(text.Length);
        return pieces;
    }

    private sealed class LineBuilder(TextLayout layout, float left, float width, bool preserveSpaces, float defaultSize)
    {
        private readonly List<PdfLine> _lines = [];
        private readonly List<(GlyphRun Run, bool Code)> _runs = [];
        private float _x;
        private float _pendingSpace;

        public void Add(string token, InlineStyle style)
        {
            if (token == "\n")
            {
                Flush(force: true);
                return;
            }

            if (token == " " && !preserveSpaces)
            {
                if (_x > 0)
                {
                    _pendingSpace += layout.Measure(" ", layout.Fonts.Face(style.Face), style.Size);
                }

                return;
            }

            var pieces = layout.ByFace(token, style.Face, style.Size);
            var tokenWidth = pieces.Sum(p => p.Width);
            if (_x + _pendingSpace + tokenWidth <= width || (_x == 0 && tokenWidth <= width))
            {
                Place(pieces, style, _pendingSpace);
                return;
            }

            if (tokenWidth <= width)
            {
                Flush(force: false);
                Place(pieces, style, 0);
                return;
            }

            // Wider than a line: break it between characters.
            foreach (var (text, face, _) in pieces)
            {
                foreach (var rune in text.EnumerateRunes())
                {
                    var piece = rune.ToString();
                    var w = layout.Measure(piece, face, style.Size);
                    if (_x + _pendingSpace + w > width && _x > 0)
                    {
                        Flush(force: false);
                    }

                    Place([(piece, face, w)], style, _pendingSpace);
                }
            }
        }

        public List<PdfLine> Finish()
        {
            if (_runs.Count > 0 || _lines.Count == 0)
            {
                Flush(force: true);
            }

            return _lines;
        }

        private void Place(List<(string Text, SKTypeface Face, float Width)> pieces, InlineStyle style, float space)
        {
            var x = _x + space;
            foreach (var (text, face, w) in pieces)
            {
                if (_runs.Count > 0 && _runs[^1] is var (last, lastCode) && lastCode == style.Code && last.Face == face && last.Size == style.Size
                    && last.Color == style.Color && last.Link == style.Link && last.Strike == style.Strike && !style.Code)
                {
                    // Same look: one run, with the spaces written out, so that copied text has them.
                    var joined = last.Text + (space > 0 ? " " : "") + text;
                    _runs[^1] = (last with { Text = joined, Width = x + w - last.X }, lastCode);
                }
                else
                {
                    _runs.Add((new GlyphRun(left + x, 0, text, face, style.Size, style.Color, w, style.Link, style.Strike), style.Code));
                }

                x += w;
                space = 0;
            }

            _x = x;
            _pendingSpace = 0;
        }

        private void Flush(bool force)
        {
            var size = _runs.Count == 0 ? defaultSize : _runs.Max(r => r.Run.Size);
            var line = new PdfLine(size * LineSpacing);
            var baseline = (size * (LineSpacing - 1) / 2) + (size * 0.8f);
            foreach (var (run, code) in _runs)
            {
                if (code)
                {
                    line.Boxes.Add(new Box(run.X - 1.5f, baseline - (run.Size * 0.85f), run.Width + 3, run.Size * 1.15f, Theme.InlineCodeBackground));
                }

                line.Runs.Add(run with { Baseline = baseline });
            }

            if (line.Runs.Count > 0 || force || _lines.Count == 0)
            {
                _lines.Add(line);
            }

            _runs.Clear();
            _x = 0;
            _pendingSpace = 0;
        }
    }
}
