using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AssistantKit.Realtime;

/// <summary>Samples every <see cref="IRealtimeStatsProvider"/> and publishes <c>stats_update</c> when a figure changed.</summary>
internal sealed partial class StatsProducer(
    IEnumerable<IRealtimeStatsProvider> providers,
    IRealtimePublisher publisher,
    IOptions<StatsOptions> options,
    TimeProvider time,
    ILogger<StatsProducer> logger) : BackgroundService
{
    private SortedDictionary<string, double>? _last;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await SampleAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.PublishFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    internal async Task<bool> SampleAsync(CancellationToken cancellationToken)
    {
        var stats = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            try
            {
                foreach (var (name, value) in await provider.GetStatsAsync(cancellationToken).ConfigureAwait(false))
                {
                    stats[name] = value;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ProviderFailed(logger, e, provider.GetType().Name);
            }
        }

        if (_last is not null && _last.Count == stats.Count && _last.All(s => stats.TryGetValue(s.Key, out var v) && v.Equals(s.Value)))
        {
            return false;
        }

        _last = stats;
        await publisher.PublishStatsAsync(new StatsUpdate(stats), options.Value.Audience, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Stats provider {Provider} failed; its figures are left out of this sample.")]
        public static partial void ProviderFailed(ILogger logger, Exception exception, string provider);

        [LoggerMessage(2, LogLevel.Warning, "Publishing stats_update failed.")]
        public static partial void PublishFailed(ILogger logger, Exception exception);
    }
}
