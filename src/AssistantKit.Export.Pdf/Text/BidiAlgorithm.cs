using static AssistantKit.Export.Pdf.Text.BidiClass;

namespace AssistantKit.Export.Pdf.Text;

/// <summary>
/// The Unicode Bidirectional Algorithm (UAX #9) for one paragraph: embedding levels (P2–P3, X1–X10, W1–W7, N0–N2, I1–I2)
/// and, per line, the visual order (L1–L2). Mirroring (L4) is left to the shaper, which mirrors in right-to-left runs.
/// </summary>
internal static class BidiAlgorithm
{
    private const int MaxDepth = 125;
    private const int MaxBracketPairs = 63;

    /// <summary>Whether rule X9 removes characters of this class (they take the level of the character before them).</summary>
    public static bool IsRemoved(BidiClass type) => type is LRE or RLE or LRO or RLO or PDF or BN;

    /// <summary>The paragraph level from the first strong character (P2–P3): 1 for R or AL, else 0. Isolates are skipped.</summary>
    public static int ParagraphLevel(ReadOnlySpan<BidiClass> types)
    {
        var depth = 0;
        foreach (var type in types)
        {
            switch (type)
            {
                case LRI or RLI or FSI:
                    depth++;
                    break;
                case PDI when depth > 0:
                    depth--;
                    break;
                case L when depth == 0:
                    return 0;
                case R or AL when depth == 0:
                    return 1;
                case B:
                    return 0;
            }
        }

        return 0;
    }

    /// <summary>The classes of <paramref name="codePoints"/>.</summary>
    public static BidiClass[] Classes(ReadOnlySpan<int> codePoints)
    {
        var types = new BidiClass[codePoints.Length];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = UnicodeTables.Bidi(codePoints[i]);
        }

        return types;
    }

    /// <summary>Resolves the embedding level of every character of a paragraph.</summary>
    /// <param name="codePoints">The paragraph's code points.</param>
    /// <param name="types">Their classes (<see cref="Classes"/>).</param>
    /// <param name="paragraphLevel">0 (left to right), 1 (right to left) or -1 (from the first strong character).</param>
    /// <param name="levels">Receives a level per character.</param>
    /// <returns>The paragraph level.</returns>
    public static int Resolve(ReadOnlySpan<int> codePoints, ReadOnlySpan<BidiClass> types, int paragraphLevel, Span<byte> levels)
    {
        var n = types.Length;
        if (paragraphLevel < 0)
        {
            paragraphLevel = ParagraphLevel(types);
        }

        var matchingPdi = MatchIsolates(types);
        var resolved = types.ToArray();
        Explicit(types, resolved, paragraphLevel, matchingPdi, levels);

        var explicitLevels = levels.ToArray(); // sos and eos compare with these, not with levels resolved meanwhile
        foreach (var sequence in IsolatingRunSequences(types, levels, matchingPdi))
        {
            new Sequence(codePoints, types, resolved, levels, explicitLevels, sequence, paragraphLevel).Resolve();
        }

        // Characters removed by X9 take the level of the character before them (or the paragraph's).
        for (var i = 0; i < n; i++)
        {
            if (IsRemoved(types[i]))
            {
                levels[i] = (byte)(i > 0 ? levels[i - 1] : paragraphLevel);
            }
        }

        return paragraphLevel;
    }

    /// <summary>The visual order of a line (L1–L2): <paramref name="order"/>[k] is the logical index of the k-th character from the left.</summary>
    /// <param name="types">The classes of the line's characters.</param>
    /// <param name="paragraphLevels">Their resolved levels.</param>
    /// <param name="paragraphLevel">The paragraph level.</param>
    /// <param name="order">Receives the order.</param>
    /// <param name="lineLevels">Receives the levels after L1.</param>
    public static void Reorder(ReadOnlySpan<BidiClass> types, ReadOnlySpan<byte> paragraphLevels, int paragraphLevel, Span<int> order, Span<byte> lineLevels)
    {
        var n = types.Length;
        paragraphLevels.CopyTo(lineLevels);

        // L1: separators, and whitespace before them or at the end of the line, go to the paragraph level.
        var trailing = true;
        for (var i = n - 1; i >= 0; i--)
        {
            var type = types[i];
            if (type is S or B)
            {
                lineLevels[i] = (byte)paragraphLevel;
                trailing = true;
            }
            else if (trailing && (type is WS or LRI or RLI or FSI or PDI || IsRemoved(type)))
            {
                lineLevels[i] = (byte)paragraphLevel;
            }
            else
            {
                trailing = false;
            }
        }

        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        // L2: from the highest level down to the lowest odd one, reverse every run at that level or above.
        byte highest = 0, lowestOdd = byte.MaxValue;
        foreach (var level in lineLevels)
        {
            highest = Math.Max(highest, level);
            if ((level & 1) == 1)
            {
                lowestOdd = Math.Min(lowestOdd, level);
            }
        }

        for (int level = highest; level >= lowestOdd && level > 0; level--)
        {
            for (var i = 0; i < n; i++)
            {
                if (lineLevels[order[i]] < level)
                {
                    continue;
                }

                var end = i;
                while (end + 1 < n && lineLevels[order[end + 1]] >= level)
                {
                    end++;
                }

                order[i..(end + 1)].Reverse();
                i = end;
            }
        }
    }

    /// <summary>BD9: the matching PDI of each isolate initiator (or -1; the paragraph end when unmatched).</summary>
    private static int[] MatchIsolates(ReadOnlySpan<BidiClass> types)
    {
        var matching = new int[types.Length];
        var open = new Stack<int>();
        for (var i = 0; i < types.Length; i++)
        {
            matching[i] = -1;
            if (types[i] is LRI or RLI or FSI)
            {
                open.Push(i);
            }
            else if (types[i] == PDI && open.Count > 0)
            {
                matching[open.Pop()] = i;
            }
        }

        return matching;
    }

    /// <summary>X1–X8: explicit embeddings, overrides and isolates.</summary>
    private static void Explicit(ReadOnlySpan<BidiClass> types, BidiClass[] resolved, int paragraphLevel, int[] matchingPdi, Span<byte> levels)
    {
        var stack = new (byte Level, BidiClass Override, bool Isolate)[MaxDepth + 2];
        var depth = 0;
        stack[0] = ((byte)paragraphLevel, ON, false);
        int overflowIsolates = 0, overflowEmbeddings = 0, validIsolates = 0;
        for (var i = 0; i < types.Length; i++)
        {
            var type = types[i];
            var top = stack[depth];
            switch (type)
            {
                case RLE or LRE or RLO or LRO:
                    levels[i] = top.Level;
                    var level = (byte)(type is RLE or RLO ? (top.Level + 1) | 1 : (top.Level + 2) & ~1);
                    if (level <= MaxDepth && overflowIsolates == 0 && overflowEmbeddings == 0)
                    {
                        stack[++depth] = (level, type == RLO ? R : type == LRO ? L : ON, false);
                    }
                    else if (overflowIsolates == 0)
                    {
                        overflowEmbeddings++;
                    }

                    break;
                case RLI or LRI or FSI:
                    levels[i] = top.Level;
                    if (top.Override != ON)
                    {
                        resolved[i] = top.Override;
                    }

                    var rtl = type == RLI || (type == FSI && ParagraphLevel(types[(i + 1)..(matchingPdi[i] < 0 ? types.Length : matchingPdi[i])]) == 1);
                    var isolateLevel = (byte)(rtl ? (top.Level + 1) | 1 : (top.Level + 2) & ~1);
                    if (isolateLevel <= MaxDepth && overflowIsolates == 0 && overflowEmbeddings == 0)
                    {
                        validIsolates++;
                        stack[++depth] = (isolateLevel, ON, true);
                    }
                    else
                    {
                        overflowIsolates++;
                    }

                    break;
                case PDI:
                    if (overflowIsolates > 0)
                    {
                        overflowIsolates--;
                    }
                    else if (validIsolates > 0)
                    {
                        overflowEmbeddings = 0;
                        while (!stack[depth].Isolate)
                        {
                            depth--;
                        }

                        depth--;
                        validIsolates--;
                    }

                    levels[i] = stack[depth].Level;
                    if (stack[depth].Override != ON)
                    {
                        resolved[i] = stack[depth].Override;
                    }

                    break;
                case PDF:
                    levels[i] = top.Level;
                    if (overflowIsolates > 0)
                    {
                    }
                    else if (overflowEmbeddings > 0)
                    {
                        overflowEmbeddings--;
                    }
                    else if (!top.Isolate && depth > 0)
                    {
                        depth--;
                    }

                    break;
                case B:
                    levels[i] = (byte)paragraphLevel; // X8
                    break;
                case BN:
                    levels[i] = top.Level;
                    break;
                default:
                    levels[i] = top.Level;
                    if (top.Override != ON)
                    {
                        resolved[i] = top.Override;
                    }

                    break;
            }
        }
    }

    /// <summary>X10 (BD13): the level runs of the characters X9 keeps, chained across isolates.</summary>
    private static List<List<int>> IsolatingRunSequences(ReadOnlySpan<BidiClass> types, ReadOnlySpan<byte> levels, int[] matchingPdi)
    {
        var runs = new List<List<int>>();
        List<int>? run = null;
        var runLevel = -1;
        for (var i = 0; i < types.Length; i++)
        {
            if (IsRemoved(types[i]))
            {
                continue;
            }

            if (run is null || levels[i] != runLevel)
            {
                run = [];
                runs.Add(run);
                runLevel = levels[i];
            }

            run.Add(i);
        }

        var runOf = new Dictionary<int, List<int>>(); // first character of a run → the run
        foreach (var r in runs)
        {
            runOf[r[0]] = r;
        }

        var sequences = new List<List<int>>();
        foreach (var r in runs)
        {
            // A run that starts with the PDI matching an initiator continues that initiator's sequence.
            if (types[r[0]] == PDI && Array.IndexOf(matchingPdi, r[0]) >= 0)
            {
                continue;
            }

            var sequence = new List<int>(r);
            var current = r;
            while (types[current[^1]] is LRI or RLI or FSI && matchingPdi[current[^1]] is var pdi and >= 0 && runOf.TryGetValue(pdi, out var next))
            {
                sequence.AddRange(next);
                current = next;
            }

            sequences.Add(sequence);
        }

        return sequences;
    }

    /// <summary>One isolating run sequence: W1–W7, N0–N2, I1–I2.</summary>
    private ref struct Sequence
    {
        private readonly ReadOnlySpan<int> _codePoints;
        private readonly ReadOnlySpan<BidiClass> _original;
        private readonly BidiClass[] _resolved;
        private readonly Span<byte> _levels;
        private readonly List<int> _indexes;
        private readonly BidiClass[] _types;
        private readonly byte _level;
        private readonly BidiClass _sos;
        private readonly BidiClass _eos;

        public Sequence(ReadOnlySpan<int> codePoints, ReadOnlySpan<BidiClass> original, BidiClass[] resolved, Span<byte> levels, byte[] explicitLevels, List<int> indexes, int paragraphLevel)
        {
            _codePoints = codePoints;
            _original = original;
            _resolved = resolved;
            _levels = levels;
            _indexes = indexes;
            _types = [.. indexes.Select(i => resolved[i])];
            _level = levels[indexes[0]];

            var before = indexes[0] - 1;
            while (before >= 0 && IsRemoved(original[before]))
            {
                before--;
            }

            var last = indexes[^1];
            var after = last + 1;
            while (after < original.Length && IsRemoved(original[after]))
            {
                after++;
            }

            var beforeLevel = before >= 0 ? explicitLevels[before] : paragraphLevel;
            var afterLevel = original[last] is LRI or RLI or FSI || after >= original.Length ? paragraphLevel : explicitLevels[after];
            _sos = (Math.Max(beforeLevel, _level) & 1) == 1 ? R : L;
            _eos = (Math.Max(afterLevel, _level) & 1) == 1 ? R : L;
        }

        public readonly void Resolve()
        {
            Weak();
            Brackets();
            Neutrals();
            for (var k = 0; k < _types.Length; k++)
            {
                var i = _indexes[k];
                var type = _types[k];
                _resolved[i] = type;
                _levels[i] = (_level & 1) == 0
                    ? (byte)(_level + (type == R ? 1 : type is AN or EN ? 2 : 0))
                    : (byte)(_level + (type is L or EN or AN ? 1 : 0));
            }
        }

        private readonly void Weak()
        {
            var t = _types;
            var n = t.Length;
            for (var k = 0; k < n; k++)
            {
                if (t[k] == NSM)
                {
                    t[k] = k == 0 ? _sos : t[k - 1] is LRI or RLI or FSI or PDI ? ON : t[k - 1]; // W1
                }
            }

            var strong = _sos;
            for (var k = 0; k < n; k++)
            {
                if (t[k] is L or R or AL)
                {
                    strong = t[k];
                }
                else if (t[k] == EN && strong == AL)
                {
                    t[k] = AN; // W2
                }
            }

            for (var k = 0; k < n; k++)
            {
                if (t[k] == AL)
                {
                    t[k] = R; // W3
                }
            }

            for (var k = 1; k < n - 1; k++)
            {
                if ((t[k] == ES && t[k - 1] == EN && t[k + 1] == EN) || (t[k] == CS && t[k - 1] == EN && t[k + 1] == EN))
                {
                    t[k] = EN; // W4
                }
                else if (t[k] == CS && t[k - 1] == AN && t[k + 1] == AN)
                {
                    t[k] = AN;
                }
            }

            for (var k = 0; k < n; k++)
            {
                if (t[k] != ET)
                {
                    continue;
                }

                var end = k;
                while (end < n && t[end] == ET)
                {
                    end++;
                }

                if ((k > 0 && t[k - 1] == EN) || (end < n && t[end] == EN))
                {
                    t.AsSpan(k, end - k).Fill(EN); // W5
                }

                k = end - 1;
            }

            for (var k = 0; k < n; k++)
            {
                if (t[k] is ES or ET or CS)
                {
                    t[k] = ON; // W6
                }
            }

            strong = _sos;
            for (var k = 0; k < n; k++)
            {
                if (t[k] is L or R)
                {
                    strong = t[k];
                }
                else if (t[k] == EN && strong == L)
                {
                    t[k] = L; // W7
                }
            }
        }

        /// <summary>N0: paired brackets take the direction of what they enclose, or of what comes before them.</summary>
        private readonly void Brackets()
        {
            var t = _types;
            var pairs = new List<(int Open, int Close)>();
            var openers = new List<(int Position, int Closing)>();
            for (var k = 0; k < t.Length; k++)
            {
                if (t[k] != ON)
                {
                    continue;
                }

                var cp = Canonical(_codePoints[_indexes[k]]);
                if (UnicodeTables.ClosingBracket(cp) is var closing and >= 0)
                {
                    if (openers.Count == MaxBracketPairs)
                    {
                        break;
                    }

                    openers.Add((k, Canonical(closing)));
                }
                else if (UnicodeTables.IsClosingBracket(cp))
                {
                    for (var o = openers.Count - 1; o >= 0; o--)
                    {
                        if (openers[o].Closing == cp)
                        {
                            pairs.Add((openers[o].Position, k));
                            openers.RemoveRange(o, openers.Count - o);
                            break;
                        }
                    }
                }
            }

            pairs.Sort((a, b) => a.Open.CompareTo(b.Open));
            var embedding = (_level & 1) == 1 ? R : L;
            foreach (var (open, close) in pairs)
            {
                var found = ON;
                for (var k = open + 1; k < close; k++)
                {
                    var strong = Strong(t[k]);
                    if (strong == embedding)
                    {
                        found = embedding;
                        break;
                    }

                    if (strong != ON)
                    {
                        found = strong;
                    }
                }

                if (found == ON)
                {
                    continue;
                }

                if (found != embedding)
                {
                    var context = _sos;
                    for (var k = open - 1; k >= 0; k--)
                    {
                        if (Strong(t[k]) is var strong && strong != ON)
                        {
                            context = strong;
                            break;
                        }
                    }

                    found = context == found ? found : embedding;
                }

                Set(open, found);
                Set(close, found);
            }
        }

        /// <summary>Sets a bracket's direction, and that of the marks that followed it (W1 had made them ON).</summary>
        private readonly void Set(int k, BidiClass direction)
        {
            _types[k] = direction;
            for (var m = k + 1; m < _types.Length && _original[_indexes[m]] == NSM; m++)
            {
                _types[m] = direction;
            }
        }

        private static BidiClass Strong(BidiClass type) => type switch
        {
            L => L,
            R or AL or EN or AN => R,
            _ => ON,
        };

        private static int Canonical(int codePoint) => codePoint switch
        {
            0x2329 => 0x3008,
            0x232A => 0x3009,
            _ => codePoint,
        };

        /// <summary>N1–N2: neutrals between text of one direction take it; others take the embedding direction.</summary>
        private readonly void Neutrals()
        {
            var t = _types;
            var embedding = (_level & 1) == 1 ? R : L;
            for (var k = 0; k < t.Length; k++)
            {
                if (!IsNeutral(t[k]))
                {
                    continue;
                }

                var end = k;
                while (end < t.Length && IsNeutral(t[end]))
                {
                    end++;
                }

                var before = k == 0 ? _sos : Strong(t[k - 1]);
                var after = end == t.Length ? _eos : Strong(t[end]);
                t.AsSpan(k, end - k).Fill(before == after && before != ON ? before : embedding);
                k = end - 1;
            }
        }

        private static bool IsNeutral(BidiClass type) => type is B or S or WS or ON or LRI or RLI or FSI or PDI;
    }
}
