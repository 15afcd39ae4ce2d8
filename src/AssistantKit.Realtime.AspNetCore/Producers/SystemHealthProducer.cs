using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AssistantKit.Realtime;

/// <summary>Turns figures into a <see cref="SystemHealthUpdate"/>, keeping each raised alert's id and timestamp until it clears.</summary>
internal sealed class HealthEvaluator(SystemHealthOptions options)
{
    private readonly Dictionary<string, HealthAlert> _raised = [];

    public SystemHealthUpdate Evaluate(PerformanceMetrics performance, RuntimeMetrics runtime, DateTimeOffset now)
    {
        Check("cpu", performance.CpuUsage, options.Cpu, "CPU usage is {0:0.#} %", now);
        Check("memory", performance.MemoryUsage, options.Memory, "Memory usage is {0:0.#} %", now);
        Check("response_time", runtime.ResponseTimeP95, options.ResponseTime, "95th percentile response time is {0:0} ms", now);
        var alerts = _raised.Values.OrderBy(a => a.Id, StringComparer.Ordinal).ToArray();
        var status = alerts.Any(a => a.Level == AlertLevel.Error) ? HealthStatus.Error : alerts.Length > 0 ? HealthStatus.Warning : HealthStatus.Healthy;
        return new SystemHealthUpdate(status, performance, alerts, runtime);
    }

    private void Check(string id, double value, HealthThreshold threshold, string format, DateTimeOffset now)
    {
        AlertLevel? level = value >= threshold.Error ? AlertLevel.Error : value >= threshold.Warning ? AlertLevel.Warning : null;
        if (level is not { } raised)
        {
            _raised.Remove(id);
            return;
        }

        var message = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, value);
        _raised[id] = _raised.TryGetValue(id, out var existing) && existing.Level == raised
            ? existing with { Message = message }
            : new HealthAlert(id, raised, message, now);
    }
}

/// <summary>Publishes <c>system_health</c> from process and runtime metrics and measured request latency.</summary>
internal sealed partial class SystemHealthProducer(
    IRealtimePublisher publisher,
    RequestLatencyRecorder latency,
    IOptions<SystemHealthOptions> options,
    TimeProvider time,
    ILogger<SystemHealthProducer> logger) : BackgroundService
{
    private readonly HealthEvaluator _evaluator = new(options.Value);
    private TimeSpan _lastCpu;
    private long _lastSample;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var process = Process.GetCurrentProcess();
        _lastCpu = process.TotalProcessorTime;
        _lastSample = time.GetTimestamp();
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await publisher.PublishSystemHealthAsync(Sample(process), options.Value.Audience, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.Failed(logger, e);
            }
        }
    }

    internal SystemHealthUpdate Sample(Process process)
    {
        process.Refresh();
        var now = time.GetTimestamp();
        var cpu = process.TotalProcessorTime;
        var elapsed = time.GetElapsedTime(_lastSample, now).TotalMilliseconds;
        var cpuPercent = elapsed <= 0 ? 0 : Math.Clamp((cpu - _lastCpu).TotalMilliseconds / (elapsed * Environment.ProcessorCount) * 100, 0, 100);
        (_lastCpu, _lastSample) = (cpu, now);

        var gc = GC.GetGCMemoryInfo();
        var workingSet = process.WorkingSet64;
        var available = gc.TotalAvailableMemoryBytes > 0 ? gc.TotalAvailableMemoryBytes : long.MaxValue;
        var (p50, p95, p99, count) = latency.GetPercentiles(options.Value.LatencyWindow);
        var performance = new PerformanceMetrics(
            Math.Round(cpuPercent, 1),
            Math.Round(Math.Min(100, workingSet * 100.0 / available), 1),
            Math.Round(p50, 1),
            Math.Round((DateTime.Now - process.StartTime).TotalSeconds));
        var runtime = new RuntimeMetrics(
            workingSet,
            GC.GetTotalMemory(forceFullCollection: false),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            ThreadPool.ThreadCount,
            ThreadPool.PendingWorkItemCount,
            Math.Round(p95, 1),
            Math.Round(p99, 1),
            count);
        return _evaluator.Evaluate(performance, runtime, time.GetUtcNow());
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Publishing system_health failed.")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
