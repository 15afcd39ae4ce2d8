using AssistantKit.Export.Text;

namespace AssistantKit.Export.Tests.Text;

public sealed class SafeFileNameTests
{
    [Theory]
    [InlineData("../../etc/passwd", "etc_passwd.txt")]
    [InlineData("CON", "_CON.txt")]
    [InlineData("nul.tar", "_nul.tar.txt")]
    [InlineData("a<b>c:d\"e|f?g*h", "a_b_c_d_e_f_g_h.txt")]
    [InlineData("   ", "conversation.txt")]
    [InlineData("trailing dots...", "trailing dots.txt")]
    [InlineData("line\nbreak\ttab", "line_break_tab.txt")]
    [InlineData("Grüße 你好", "Grüße 你好.txt")]
    public void Create_HostileNames_AreSafe(string name, string expected)
    {
        Assert.Equal(expected, SafeFileName.Create(name, "txt"));
    }

    [Fact]
    public void Create_VeryLongName_IsCutAtARuneBoundary()
    {
        var name = SafeFileName.Create(string.Concat(Enumerable.Repeat("日本語😀", 200)), "md");

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(name) <= SafeFileName.MaxBytes);
        Assert.EndsWith(".md", name, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(name)));
    }
}
