using Microsoft.Extensions.Options;

namespace AssistantKit.Realtime;

/// <summary>Settings of the <c>user_status</c> producer (<c>AddPresence(o => …)</c>).</summary>
public sealed class PresenceOptions
{
    /// <summary>
    /// Gets or sets how long a user whose last connection closed stays online; default 5 seconds. A reconnect within it
    /// (a page reload, a network blip) publishes nothing, so presence does not flap.
    /// </summary>
    [MinimumDuration(0)]
    public TimeSpan OfflineDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets who receives the events; default everyone.</summary>
    public RealtimeAudience Audience { get; set; }
}

/// <summary>Validates <see cref="PresenceOptions"/> from its data annotations; the code is generated at compile time (no reflection, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class PresenceOptionsValidator : IValidateOptions<PresenceOptions>;
