namespace AssistantKit.Realtime;

/// <summary>Headline figures of a <see cref="SystemHealthUpdate"/>.</summary>
/// <param name="CpuUsage">Process CPU use in percent of all cores (0 to 100).</param>
/// <param name="MemoryUsage">Process working set in percent of the memory available to the process (0 to 100).</param>
/// <param name="ResponseTime">Median HTTP response time in milliseconds over the recent window; 0 when no request was measured.</param>
/// <param name="Uptime">Seconds since the process started.</param>
public sealed record PerformanceMetrics(double CpuUsage, double MemoryUsage, double ResponseTime, double Uptime);
