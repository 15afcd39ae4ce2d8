using AssistantKit.TestUtils;
using Microsoft.AspNetCore.Builder;

namespace AssistantKit.Samples.Dashboard.Tests;

/// <summary>
/// A started dashboard with a data folder of its own (export jobs database and results); disposing stops it (its
/// hosted services, Quartz among them) and removes the folder.
/// </summary>
internal sealed class RunningDashboard : IAsyncDisposable
{
    private readonly string _data;

    private RunningDashboard(WebApplication app, string data)
    {
        App = app;
        _data = data;
    }

    public WebApplication App { get; }

    /// <summary>Builds and starts the dashboard: on a free port, or where <paramref name="args"/> say.</summary>
    public static async Task<RunningDashboard> StartAsync(string[]? args = null)
    {
        var data = Directory.CreateTempSubdirectory("ak-dashboard-").FullName;
        string[] all = [.. args ?? [], $"--Dashboard:DataDirectory={data}"];
        var app = args is null ? await DashboardApp.BuildAsync(all, port: RealtimeTestServer.FreePort()) : await DashboardApp.BuildAsync(all);
        await app.StartAsync();
        return new RunningDashboard(app, data);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }
}
