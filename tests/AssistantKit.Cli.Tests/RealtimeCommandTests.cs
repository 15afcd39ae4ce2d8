using System.Diagnostics;
using System.Text.Json;
using AssistantKit.TestUtils;

namespace AssistantKit.Cli.Tests;

public sealed class RealtimeCommandTests
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "AssistantKit.Cli.dll");

    [Fact]
    public async Task ServeAndListen_PrintsLiveEventsAsJsonLines()
    {
        var port = RealtimeTestServer.FreePort();
        using var serve = Process.Start(new ProcessStartInfo("dotnet", [Cli, "realtime", "serve", "--port", $"{port}"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        try
        {
            // listen retries until the server is up, so no wait is needed here.
            var (exit, output, error) = await ExternalProgram.RunAsync("dotnet", [Cli, "realtime", "listen", $"ws://127.0.0.1:{port}/realtime", "--type", "activity", "--count", "2"], TimeSpan.FromMinutes(1));

            Assert.True(exit == 0, error);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.All(lines, line => Assert.Equal("activity", JsonDocument.Parse(line).RootElement.GetProperty("type").GetString()));
            Assert.Contains("[connected]", error, StringComparison.Ordinal);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Listen_BadUrl_ExitsWithUsageError()
    {
        var (exit, _, error) = await ExternalProgram.RunAsync("dotnet", [Cli, "realtime", "listen", "not-a-url"], TimeSpan.FromMinutes(1));
        Assert.Equal(2, exit);
        Assert.Contains("absolute ws, wss, http or https URL", error, StringComparison.Ordinal);
    }
}
