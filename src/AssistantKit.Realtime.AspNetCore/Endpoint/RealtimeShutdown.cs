using Microsoft.Extensions.Hosting;

namespace AssistantKit.Realtime;

/// <summary>
/// When the host begins to stop, closes realtime connections with 1001 (going away) so that clients reconnect elsewhere
/// at once and the server does not wait its whole shutdown timeout for WebSockets that would never end by themselves.
/// <see cref="StoppingAsync"/> runs before any hosted service (Kestrel's included) stops.
/// </summary>
internal sealed class RealtimeShutdown(RealtimeHub hub) : IHostedLifecycleService
{
    public Task StoppingAsync(CancellationToken cancellationToken) => hub.CloseAllAsync(cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
