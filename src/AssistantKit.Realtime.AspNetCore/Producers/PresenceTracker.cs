using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AssistantKit.Realtime;

/// <summary>
/// Tracks connections per user and publishes <c>user_status</c>: <c>online</c> when a user's first connection opens,
/// <c>offline</c> when their last one has been closed for <see cref="PresenceOptions.OfflineDelay"/>. Publishing happens in
/// order on a background loop.
/// </summary>
internal sealed partial class PresenceTracker(IServiceProvider services, IOptions<PresenceOptions> options, TimeProvider time, ILogger<PresenceTracker> logger)
    : BackgroundService, IRealtimeConnectionObserver, IRealtimePresence
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, UserState> _users = new(StringComparer.Ordinal);
    private readonly Channel<UserStatusUpdate> _changes = Channel.CreateUnbounded<UserStatusUpdate>(new UnboundedChannelOptions { SingleReader = true });

    public void OnConnected(RealtimeConnectionInfo connection)
    {
        if (connection.UserId is not { } user)
        {
            return;
        }

        lock (_gate)
        {
            if (!_users.TryGetValue(user, out var state))
            {
                _users[user] = state = new UserState(connection.UserName);
            }

            state.Connections++;
            state.LastSeen = time.GetUtcNow();
            state.OfflineTimer?.Dispose();
            state.OfflineTimer = null;
            if (!state.Online)
            {
                state.Online = true;
                _changes.Writer.TryWrite(Update(user, state));
            }
        }
    }

    public void OnDisconnected(RealtimeConnectionInfo connection)
    {
        if (connection.UserId is not { } user)
        {
            return;
        }

        lock (_gate)
        {
            if (!_users.TryGetValue(user, out var state))
            {
                return;
            }

            state.Connections--;
            state.LastSeen = time.GetUtcNow();
            if (state.Connections == 0)
            {
                state.OfflineTimer = time.CreateTimer(_ => GoOffline(user, state), null, options.Value.OfflineDelay, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public IReadOnlyList<UserStatusUpdate> GetOnlineUsers()
    {
        lock (_gate)
        {
            return [.. _users.Where(u => u.Value.Online).OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => Update(u.Key, u.Value))];
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not injected: the hub depends on this observer, and the publisher is the hub.
        var publisher = services.GetRequiredService<IRealtimePublisher>();
        await foreach (var change in _changes.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await publisher.PublishUserStatusAsync(change, options.Value.Audience, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.Failed(logger, e, change.UserId);
            }
        }
    }

    private void GoOffline(string user, UserState state)
    {
        lock (_gate)
        {
            if (state.Connections > 0 || !state.Online || !_users.TryGetValue(user, out var current) || current != state)
            {
                return;
            }

            state.Online = false;
            state.OfflineTimer?.Dispose();
            _users.Remove(user);
            _changes.Writer.TryWrite(Update(user, state));
        }
    }

    private static UserStatusUpdate Update(string user, UserState state) =>
        new(user, state.Online ? UserPresence.Online : UserPresence.Offline, state.Connections, state.LastSeen, state.Name);

    private sealed class UserState(string? name)
    {
        public string? Name { get; } = name;

        public int Connections { get; set; }

        public bool Online { get; set; }

        public DateTimeOffset LastSeen { get; set; }

        public ITimer? OfflineTimer { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Publishing user_status for {UserId} failed.")]
        public static partial void Failed(ILogger logger, Exception exception, string userId);
    }
}
