using System.Globalization;
using AssistantKit.TestUtils;

namespace AssistantKit.Export.Pdf.Tests.Unicode;

/// <summary>Unicode's own conformance files (Debian package unicode-data), read line by line.</summary>
internal static class UnicodeTestFile
{
    public const string Directory = "/usr/share/unicode";

    /// <summary>The data lines of a test file (comments removed), with their line numbers; skips (fails in CI) when it is missing.</summary>
    public static IEnumerable<(int Line, string Text)> Lines(string relativePath)
    {
        var path = ExternalProgram.RequireFile(Path.Combine(Directory, relativePath), "unicode-data");
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var text = line.Split('#', 2)[0].Trim();
            if (text.Length > 0)
            {
                yield return (number, text);
            }
        }
    }

    public static int[] CodePoints(string hex) =>
        [.. hex.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(h => int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))];

    /// <summary>Parses "× 0023 ÷ 0020 ÷" into the code points and whether each position (0 to length) is a break.</summary>
    public static (int[] CodePoints, bool[] Breaks) Segmented(string text)
    {
        var codePoints = new List<int>();
        var breaks = new List<bool>();
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (token)
            {
                case "÷":
                    breaks.Add(true);
                    break;
                case "×":
                    breaks.Add(false);
                    break;
                default:
                    codePoints.Add(int.Parse(token, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    break;
            }
        }

        return ([.. codePoints], [.. breaks]);
    }
}
