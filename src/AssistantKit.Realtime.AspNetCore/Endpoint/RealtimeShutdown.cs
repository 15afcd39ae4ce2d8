using Microsoft.Extensions.Hosting;

namespace AssistantKit.Realtime;

/// <summary>
/// When the host begins to stop, closes realtime connections with 1001 (going away) so that clients reconnect elsewhere
/// at once and the server does not wait its whole shutdown timeout for WebSockets that would never end by themselves.
/// </summary>
internal sealed class RealtimeShutdown(RealtimeHub hub, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => hub.CloseAllAsync().GetAwaiter().GetResult());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
