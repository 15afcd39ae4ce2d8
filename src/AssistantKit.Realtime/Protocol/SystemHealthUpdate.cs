namespace AssistantKit.Realtime;

/// <summary>The data of a <c>system_health</c> event: <c>{status, performance: {cpuUsage, memoryUsage, responseTime, uptime}, alerts}</c>.</summary>
/// <param name="Status">The overall status: the level of the worst raised alert.</param>
/// <param name="Performance">The headline figures.</param>
/// <param name="Alerts">The alerts raised now; an alert keeps its <see cref="HealthAlert.Id"/> until it clears.</param>
/// <param name="Runtime">Further .NET runtime figures; an addition to the original shape.</param>
public sealed record SystemHealthUpdate(HealthStatus Status, PerformanceMetrics Performance, IReadOnlyList<HealthAlert> Alerts, RuntimeMetrics? Runtime = null);
