using System.Net;
using AssistantKit.TestUtils;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AssistantKit.Templates.Tests;

/// <summary>A real Kestrel server on 127.0.0.1 that serves, fails, hangs, returns garbage and recovers.</summary>
public sealed class RemoteCatalogTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private volatile string _mode = "ok";
    private int _requests;

    public Uri BaseUrl { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/catalog-{culture}.json", async (string culture, HttpContext context) =>
        {
            Interlocked.Increment(ref _requests);
            switch (_mode)
            {
                case "fail":
                    context.Response.StatusCode = 503;
                    return;
                case "hang":
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                    return;
                case "garbage":
                    await context.Response.WriteAsync("<html>maintenance</html>", context.RequestAborted);
                    return;
                case "invalid":
                    await context.Response.WriteAsync("""{"schemaVersion": 1, "templates": [{"id": "x", "name": "X", "temperature": 9, "examples": []}]}""", context.RequestAborted);
                    return;
                default:
                    await context.Response.WriteAsync($$"""
                        {"schemaVersion": 1, "templates": [{"id": "remote-{{culture}}", "name": "Remote {{culture}}", "tags": ["remote"],
                          "examples": [{"user": "u", "assistant": "a"}]}]}
                        """, context.RequestAborted);
                    return;
            }
        });
        await _app.StartAsync(TestContext.Current.CancellationToken);
        BaseUrl = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);

    /// <summary>The catalog's clock: timeouts, retry delays, the circuit's break and the refresh interval are stepped, not waited for.</summary>
    private readonly FakeTimeProvider _time = new();

    /// <summary>
    /// A catalog on the fake clock. The timeout is an hour unless a test is about timeouts: the clock is stepped while real
    /// requests are in flight, and a request slowed by a loaded machine must not time out by accident.
    /// </summary>
    private RemoteTemplateCatalog Catalog(TimeSpan? timeout = null) => new(
        new HttpClient(),
        new RemoteTemplateCatalogOptions
        {
            Url = new Uri(BaseUrl, "/catalog-{culture}.json"),
            Timeout = timeout ?? TimeSpan.FromHours(1),
            RetryDelay = TimeSpan.FromSeconds(1),
            MaxRetryAttempts = 1,
            BreakDuration = BreakDuration,
            RefreshInterval = TimeSpan.FromMinutes(5),
        },
        _time);

    /// <summary>Runs a catalog call while stepping the fake clock a second at a time, so its retry delays and timeouts elapse.</summary>
    private async Task<T> Stepping<T>(Func<Task<T>> call)
    {
        var task = call();
        await Eventually.UntilAdvancing(_time, TimeSpan.FromSeconds(1), () => task.IsCompleted);
        return await task;
    }

    [Fact]
    public async Task Remote_Healthy_ServesTheRemoteCatalogPerCulture()
    {
        var catalog = Catalog();
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal("Remote de", (await catalog.GetAsync("remote-de", "de", ct))!.Name);
        Assert.Equal(TemplateSourceKind.Remote, catalog.Status.Source);
        Assert.NotNull(catalog.Status.LastSuccess);
        Assert.Null(catalog.Status.LastError);
    }

    [Theory]
    [InlineData("fail", "503")]
    [InlineData("garbage", "Not valid JSON")]
    [InlineData("invalid", "invalid")]
    [InlineData("hang", "did not answer in time")]
    public async Task Remote_BrokenFromTheStart_FallsBackToBuiltInsWithoutThrowing(string mode, string reason)
    {
        _mode = mode;
        var catalog = Catalog(timeout: mode == "hang" ? TimeSpan.FromSeconds(30) : null);

        var templates = await Stepping(() => catalog.ListAsync(cancellationToken: TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(5, templates.Count); // the built-ins
        Assert.Equal(TemplateSourceKind.BuiltIn, catalog.Status.Source);
        Assert.Contains(reason, catalog.Status.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remote_OutageAfterSuccess_ServesLastGoodThenRecovers()
    {
        var catalog = Catalog();
        var ct = TestContext.Current.CancellationToken;
        Assert.NotNull(await catalog.GetAsync("remote-en", "en", ct)); // healthy: no delay, nothing to step

        _mode = "fail";
        _time.Advance(TimeSpan.FromMinutes(5)); // the refresh interval: the next call asks the server again
        Assert.NotNull(await Stepping(() => catalog.GetAsync("remote-en", "en", ct).AsTask()));
        Assert.Equal(TemplateSourceKind.LastGood, catalog.Status.Source);
        Assert.NotNull(catalog.Status.LastError);

        // Enough failures open the circuit: further calls fall back at once without asking the server.
        for (var i = 0; i < 3; i++)
        {
            await Stepping(() => catalog.RefreshAsync(ct));
        }

        var before = _requests;
        await Stepping(() => catalog.RefreshAsync(ct));
        Assert.Equal(before, _requests);
        Assert.Contains("circuit is open", catalog.Status.LastError, StringComparison.Ordinal);

        _mode = "ok";
        var whileOpen = _time.GetUtcNow();
        await Stepping(() => catalog.RefreshAsync(ct));
        Assert.Equal(before, _requests); // the remote is back, but the circuit stays open for its break
        _time.Advance(BreakDuration - (_time.GetUtcNow() - whileOpen));
        var status = await Stepping(() => catalog.RefreshAsync(ct));
        Assert.Equal(TemplateSourceKind.Remote, status.Source);
        Assert.Null(status.LastError);
    }
}
