namespace AssistantKit.Realtime;

/// <summary>Settings of the <c>stats_update</c> producer.</summary>
public sealed class StatsOptions
{
    /// <summary>Gets or sets how often the providers are sampled; default 5 seconds. An update is published only when a figure changed.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets who receives the events; default everyone.</summary>
    public RealtimeAudience Audience { get; set; }
}
