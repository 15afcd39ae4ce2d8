using System.Net;
using System.Net.Http.Headers;
using AssistantKit.TestUtils;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AssistantKit.Export.Tests.AspNetCore;

public sealed class DownloadTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Whatever the name, .NET's own header parser (a peer) reads the header back to the same name, and nothing leaks out of it.</summary>
    [Fact]
    public void Attachment_AnyName_ParsesBackToTheName_AsciiFallbackIsSafe()
    {
        // Any string, lone surrogates and control characters included, and some that look like attacks.
        var names = Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Where(static s => s is not null),
            Gen.Elements("a\"b\r\nX-Evil: 1", "..\\..\\boot.ini", "../../etc/passwd", "名前 🎉.pdf", "\uD800 lone", "   ", "%41;"));
        Prop.ForAll(names.ToArbitrary(), static name =>
        {
            var value = ContentDisposition.Attachment(name);
            var parsed = ContentDispositionHeaderValue.Parse(value);
            var expected = Path.GetFileName(AssistantKit.Text.TextSanitizer.ToValidUnicode(name).Replace('\\', '/'));
            return value.All(static c => c is >= ' ' and <= '~')
                && parsed.DispositionType == "attachment"
                && parsed.FileNameStar == (string.IsNullOrWhiteSpace(expected) ? "download" : expected)
                && parsed.FileName!.Trim('"').All(static c => c is >= ' ' and <= '~' and not '"' and not '\\');
        }).QuickCheckThrowOnFailure();

        Assert.Equal("attachment; filename=\"Gru_e _.pdf\"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%F0%9F%91%8B.pdf", ContentDisposition.Attachment("Grüße 👋.pdf"));
    }

    [Theory]
    [InlineData("json", "application/json")]
    [InlineData("pdf", "application/pdf")]
    [InlineData("html", "text/html")]
    public async Task Download_OverHttp_HasLengthTypeAndTheTitleAsFileName_NoHeaderInjection(string format, string contentType)
    {
        var temporary = Directory.CreateTempSubdirectory("ak-download-").FullName;
        await using var app = await StartAsync(temporary);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var response = await http.GetAsync($"/export?format={format}", Token);
        var body = await response.Content.ReadAsByteArrayAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.StartsWith("Grüße an 世界 👋", disposition.FileNameStar, StringComparison.Ordinal);
        Assert.EndsWith("." + (format == "html" ? "html" : format), disposition.FileNameStar, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("X-Evil"));
        Assert.True(body.Length > 100);
        await Eventually.Until(() => Directory.GetFiles(temporary).Length == 0); // deleted once sent (the client may read the last byte first)
        Directory.Delete(temporary);
    }

    [Fact]
    public async Task Download_InvalidOptions_Is400WithTheReason_AndNoFileLeft()
    {
        var temporary = Directory.CreateTempSubdirectory("ak-download-").FullName;
        await using var app = await StartAsync(temporary);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var response = await http.GetAsync("/export?format=json&template=", Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("file name template", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        await Eventually.Until(() => Directory.GetFiles(temporary).Length == 0);
        Directory.Delete(temporary);
    }

    private static async Task<WebApplication> StartAsync(string temporaryDirectory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(ExporterFactory.Create());
        builder.Services.Configure<ExportServiceOptions>(o => o.TemporaryDirectory = temporaryDirectory);
        var app = builder.Build();
        var conversation = SampleConversations.Create(40) with { Title = "Grüße an 世界 👋 \"quoted\"\r\nX-Evil: 1" };
        app.MapGet("/export", (string format, string? template) => ExportResults.Download(conversation, new ExportOptions { Format = format, FileNameTemplate = template ?? "{title}" }));
        await app.StartAsync(Token);
        return app;
    }
}
