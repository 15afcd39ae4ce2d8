using Microsoft.Extensions.Options;

namespace AssistantKit.Realtime;

/// <summary>Settings of the <c>stats_update</c> producer.</summary>
public sealed class StatsOptions
{
    /// <summary>Gets or sets how often the providers are sampled; default 5 seconds. An update is published only when a figure changed.</summary>
    [MinimumDuration(1)]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets who receives the events; default everyone.</summary>
    public RealtimeAudience Audience { get; set; }
}

/// <summary>Validates <see cref="StatsOptions"/> from its data annotations; the code is generated at compile time (no reflection, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class StatsOptionsValidator : IValidateOptions<StatsOptions>;
