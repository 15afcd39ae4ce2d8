using System.Text.RegularExpressions;
using AssistantKit.TestUtils;
using static AssistantKit.Export.Tests.ExportTestHelpers;

namespace AssistantKit.Export.Tests.Formatters;

/// <summary>Opens exported HTML in a real browser (headless Chromium) and reads back the DOM it built.</summary>
public sealed partial class HtmlBrowserTests
{
    [Fact]
    public async Task Html_OpenedInChromium_ShowsEveryMessageAndRunsNoScript()
    {
        var chromium = ExternalProgram.Require("chromium", "chromium");
        string[] payloads =
        [
            "<script>document.body.insertAdjacentHTML('beforeend','<p id=pwned-1>x</p>')</script>",
            "<img src=x onerror=\"document.body.insertAdjacentHTML('beforeend','<p id=pwned-2>x</p>')\">",
            "[click](javascript:document.body.insertAdjacentHTML('beforeend','<p id=pwned-3>x</p>'))",
            "<svg onload=\"document.body.insertAdjacentHTML('beforeend','<p id=pwned-4>x</p>')\"></svg>",
            "```\n</code></pre><script>document.title='pwned-5'</script>",
        ];
        var conversation = new Conversation
        {
            Id = "xss",
            Title = "<script>document.title='pwned-6'</script>Safe title",
            Messages = payloads.Select((p, i) => Message($"m{i}", MessageRole.Assistant, p, i) with { AuthorName = "<img src=x onerror=\"document.title='pwned-7'\">" }).ToArray(),
        };
        var (html, _) = await ExportToStringAsync(conversation, new ExportOptions { Format = "html" });
        var file = Path.Combine(Path.GetTempPath(), $"ak-{Guid.NewGuid():N}.html");
        var profile = Directory.CreateTempSubdirectory("ak-chromium-").FullName;
        await File.WriteAllTextAsync(file, html, TestContext.Current.CancellationToken);
        try
        {
            var (exit, dom, error) = await ExternalProgram.RunAsync(
                chromium,
                ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--virtual-time-budget=2000", "--dump-dom", new Uri(file).AbsoluteUri],
                TimeSpan.FromSeconds(90));

            Assert.True(exit == 0, error);
            Assert.Equal(payloads.Length, ArticleRegex().Matches(dom).Count);
            Assert.DoesNotContain("id=\"pwned", dom, StringComparison.Ordinal); // no injected element was created
            Assert.DoesNotContain("<img", dom, StringComparison.Ordinal);
            Assert.DoesNotContain("<svg", dom, StringComparison.Ordinal);
            Assert.Contains("<title>&lt;script&gt;document.title='pwned-6'&lt;/script&gt;Safe title</title>", dom, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
            Directory.Delete(profile, recursive: true);
        }
    }

    [GeneratedRegex("<article class=\"assistant\">")]
    private static partial Regex ArticleRegex();
}
