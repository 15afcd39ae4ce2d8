using Microsoft.Extensions.Options;

namespace AssistantKit.Realtime;

/// <summary>Settings of the <c>system_health</c> producer (<c>AddSystemHealth(o => …)</c>).</summary>
public sealed class SystemHealthOptions
{
    /// <summary>Gets or sets how often health is sampled and published; default 5 seconds.</summary>
    [MinimumDuration(1)]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the window of requests the response-time percentiles cover; default 1 minute.</summary>
    [MinimumDuration(1)]
    public TimeSpan LatencyWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets the CPU thresholds in percent; default warning 80, error 95.</summary>
    [ValidateObjectMembers]
    public HealthThreshold Cpu { get; } = new(80, 95);

    /// <summary>Gets the memory thresholds in percent of the memory available to the process; default warning 80, error 95.</summary>
    [ValidateObjectMembers]
    public HealthThreshold Memory { get; } = new(80, 95);

    /// <summary>Gets the thresholds of the 95th percentile response time in milliseconds; default warning 1,000, error 3,000.</summary>
    [ValidateObjectMembers]
    public HealthThreshold ResponseTime { get; } = new(1_000, 3_000);

    /// <summary>Gets or sets who receives the events; default everyone.</summary>
    public RealtimeAudience Audience { get; set; }
}

/// <summary>Validates <see cref="SystemHealthOptions"/> from its data annotations; the code is generated at compile time (no reflection, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class SystemHealthOptionsValidator : IValidateOptions<SystemHealthOptions>;
