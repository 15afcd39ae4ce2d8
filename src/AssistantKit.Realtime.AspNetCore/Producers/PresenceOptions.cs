namespace AssistantKit.Realtime;

/// <summary>Settings of the <c>user_status</c> producer (<c>AddPresence(o => …)</c>).</summary>
public sealed class PresenceOptions
{
    /// <summary>
    /// Gets or sets how long a user whose last connection closed stays online; default 5 seconds. A reconnect within it
    /// (a page reload, a network blip) publishes nothing, so presence does not flap.
    /// </summary>
    public TimeSpan OfflineDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets who receives the events; default everyone.</summary>
    public RealtimeAudience Audience { get; set; }
}
