using System.Globalization;
using AssistantKit.Export.Pdf.Text;
using AssistantKit.TestUtils;

namespace AssistantKit.Export.Pdf.Tests.Unicode;

/// <summary>
/// The bidirectional algorithm, line breaking and grapheme clusters against every line of Unicode's conformance files for
/// the version the tables were generated from. Failures are listed with their line numbers.
/// </summary>
public sealed class UnicodeConformanceTests
{
    private static void AssertNoFailures(string file, int cases, List<string> failures)
    {
        Assert.True(cases > 500, $"{file}: only {cases} cases read.");
        Assert.True(failures.Count == 0, $"{file}: {failures.Count} of {cases} cases fail, for example:\n{string.Join("\n", failures.Take(15))}");
    }

    [Fact]
    public void Tables_are_generated_from_the_installed_unicode_version()
    {
        var header = File.ReadLines(ExternalProgram.RequireFile(Path.Combine(UnicodeTestFile.Directory, "auxiliary", "LineBreakTest.txt"), "unicode-data")).First();
        Assert.Contains($"LineBreakTest-{UnicodeTables.Version}.txt", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_line_of_BidiCharacterTest_passes()
    {
        var failures = new List<string>();
        var cases = 0;
        foreach (var (line, text) in UnicodeTestFile.Lines("BidiCharacterTest.txt"))
        {
            cases++;
            var fields = text.Split(';');
            var codePoints = UnicodeTestFile.CodePoints(fields[0]);
            var direction = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var expectedLevel = int.Parse(fields[2], CultureInfo.InvariantCulture);
            var expectedLevels = fields[3].Split(' ');
            var expectedOrder = fields[4].Split(' ', StringSplitOptions.RemoveEmptyEntries);

            var types = BidiAlgorithm.Classes(codePoints);
            var levels = new byte[codePoints.Length];
            var paragraphLevel = BidiAlgorithm.Resolve(codePoints, types, direction == 2 ? -1 : direction, levels);
            var order = new int[codePoints.Length];
            var lineLevels = new byte[codePoints.Length];
            BidiAlgorithm.Reorder(types, levels, paragraphLevel, order, lineLevels);

            var actualLevels = string.Join(" ", levels.Select((l, i) => BidiAlgorithm.IsRemoved(types[i]) ? "x" : lineLevels[i].ToString(CultureInfo.InvariantCulture)));
            var actualOrder = string.Join(" ", order.Where(i => !BidiAlgorithm.IsRemoved(types[i])));
            if (paragraphLevel != expectedLevel || actualLevels != string.Join(" ", expectedLevels) || actualOrder != string.Join(" ", expectedOrder))
            {
                failures.Add($"line {line}: {fields[0]} dir {direction}: level {paragraphLevel} (expected {expectedLevel}), levels {actualLevels} (expected {fields[3]}), order {actualOrder} (expected {fields[4]})");
            }
        }

        AssertNoFailures("BidiCharacterTest.txt", cases, failures);
    }

    [Fact]
    public void Every_line_of_LineBreakTest_passes() => AssertSegmentation("auxiliary/LineBreakTest.txt", codePoints =>
    {
        var breaks = new BreakKind[codePoints.Length + 1];
        LineBreaker.Find(codePoints, breaks);
        return [.. breaks.Select(b => b != BreakKind.None)];
    });

    [Fact]
    public void Every_line_of_GraphemeBreakTest_passes() => AssertSegmentation("auxiliary/GraphemeBreakTest.txt", codePoints =>
    {
        var boundaries = new bool[codePoints.Length + 1];
        boundaries[0] = boundaries[^1] = true;
        for (var i = 1; i < codePoints.Length; i++)
        {
            boundaries[i] = GraphemeBreaker.IsBoundary(codePoints, i);
        }

        return boundaries;
    });

    /// <summary>A file of "× 0023 ÷ 0020 ÷" lines: <paramref name="segment"/> must give a break exactly at every ÷.</summary>
    private static void AssertSegmentation(string file, Func<int[], bool[]> segment)
    {
        var failures = new List<string>();
        var cases = 0;
        foreach (var (line, text) in UnicodeTestFile.Lines(file))
        {
            cases++;
            var (codePoints, expected) = UnicodeTestFile.Segmented(text);
            var actual = segment(codePoints);
            if (!actual.SequenceEqual(expected))
            {
                failures.Add($"line {line}: {text} → {string.Join(" ", actual.Select(b => b ? "÷" : "×"))}");
            }
        }

        AssertNoFailures(file, cases, failures);
    }
}
