using System.Text;
using AssistantKit.Export.Formatters;

namespace AssistantKit.Export.Tests.Formatters;

public sealed class Utf8BufferWriterTests
{
    [Theory]
    [InlineData("> ")]
    [InlineData("> > ")]
    [InlineData("    ")]
    public async Task WriteLines_MatchesALineByLineReference(string prefix)
    {
        // Random text of line breaks (CR, LF, CR LF, runs of them), ASCII, umlauts, CJK and emoji, lengths around the 16-byte blocks.
        string[] pieces = ["a", "b", " ", "ü", "你", "😀", "\r", "\n", "\r\n", "\n\n", "\r\r"];
        var random = new Random(42);
        for (var run = 0; run < 3000; run++)
        {
            var text = new StringBuilder();
            var count = random.Next(0, run % 3 == 0 ? 120 : 25);
            for (var i = 0; i < count; i++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            Assert.Equal(Reference(text.ToString(), prefix), await WriteLinesAsync(text.ToString(), prefix));
        }
    }

    [Fact]
    public async Task WriteLines_LongText_AllLinesAndEmptyOnes()
    {
        var text = string.Concat(Enumerable.Range(0, 5000).Select(static i => i % 7 == 0 ? "\r\n" : $"line {i} Grüße\n"));

        Assert.Equal(Reference(text, "> "), await WriteLinesAsync(text, "> "));
    }

    [Fact]
    public async Task WriteLines_AfterOtherText_KeepsOrderAndRepairsLoneSurrogates()
    {
        // "head" ends with a high surrogate the encoder keeps pending: it must become U+FFFD before the lines, not after.
        Assert.Equal("head \uFFFD> x\uFFFDy\n>\n", await WriteLinesAsync("x\uD800y\n", "> ", before: "head \uD83D"));
    }

    private static async Task<string> WriteLinesAsync(string text, string prefix, string? before = null)
    {
        using var writer = new Utf8BufferWriter(16);
        using var output = new MemoryStream();
        if (before is not null)
        {
            writer.Write(before);
        }

        writer.WriteLines(text, Encoding.UTF8.GetBytes(prefix));
        await writer.DrainAsync(output, TestContext.Current.CancellationToken);
        return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(output.ToArray());
    }

    private static string Reference(string text, string prefix)
    {
        var result = new StringBuilder();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        foreach (var line in lines)
        {
            result.Append(line.Length == 0 ? prefix.TrimEnd(' ') : prefix).Append(line).Append('\n');
        }

        return result.ToString();
    }
}
