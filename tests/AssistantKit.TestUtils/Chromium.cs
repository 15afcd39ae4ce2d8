using Xunit;

namespace AssistantKit.TestUtils;

/// <summary>Headless Chromium as the reference renderer: prints an HTML page to PDF.</summary>
public static class Chromium
{
    /// <summary>Prints <paramref name="html"/> with Chromium's print-to-PDF into <paramref name="directory"/> and returns the PDF's path.</summary>
    /// <param name="html">The page.</param>
    /// <param name="directory">A scratch directory (the page, a profile and the PDF go there).</param>
    /// <returns>The PDF file.</returns>
    public static async Task<string> PrintAsync(string html, string directory)
    {
        var chromium = ExternalProgram.Require("chromium", "chromium");
        var file = Path.Combine(directory, "page.html");
        var pdf = Path.Combine(directory, "chromium.pdf");
        await File.WriteAllTextAsync(file, html).ConfigureAwait(false);
        var (exit, _, error) = await ExternalProgram.RunAsync(
            chromium,
            ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", $"--user-data-dir={Path.Combine(directory, "profile")}",
             "--no-pdf-header-footer", $"--print-to-pdf={pdf}", new Uri(file).AbsoluteUri],
            TimeSpan.FromSeconds(90)).ConfigureAwait(false);
        Assert.True(exit == 0 && File.Exists(pdf), error);
        return pdf;
    }
}
