using AssistantKit.Text;

namespace AssistantKit.Export.Tests.Text;

public sealed class TextSanitizerTests
{
    [Fact]
    public void ContainsSurrogate_FindsOneAtEveryPositionOfEveryLength()
    {
        // Lengths around the vector block (64 chars) and the tail; neighbours of the range must not count.
        for (var length = 0; length <= 200; length++)
        {
            var text = new char[length];
            Array.Fill(text, '\uD7FF');
            if (length > 1)
            {
                text[length / 2] = '\uE000';
            }

            Assert.False(TextSanitizer.ContainsSurrogate(text));
            for (var i = 0; i < length; i++)
            {
                foreach (var surrogate in "\uD800\uDBFF\uDC00\uDFFF")
                {
                    var copy = (char[])text.Clone();
                    copy[i] = surrogate;
                    Assert.True(TextSanitizer.ContainsSurrogate(copy), $"length {length}, position {i}, U+{(int)surrogate:X4}");
                }
            }
        }
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("plain Grüße 你好", false)]
    [InlineData("emoji 😀 pair", false)]
    [InlineData(@"high \uD83D alone", true)]
    [InlineData(@"low \uDE00 alone", true)]
    [InlineData(@"ends high \uD83D", true)]
    [InlineData(@"reversed \uDE00\uD83D", true)]
    public void HasLoneSurrogate_OnlyForUnpairedSurrogates(string escaped, bool expected)
    {
        var text = System.Text.RegularExpressions.Regex.Unescape(escaped); // lone surrogates do not survive test-case serialization
        var padded = new string('x', 130) + text; // also through the vector path
        Assert.Equal(expected, TextSanitizer.HasLoneSurrogate(text));
        Assert.Equal(expected, TextSanitizer.HasLoneSurrogate(padded));
        Assert.Equal(expected, !ReferenceEquals(padded, TextSanitizer.ToValidUnicode(padded)));
    }
}
