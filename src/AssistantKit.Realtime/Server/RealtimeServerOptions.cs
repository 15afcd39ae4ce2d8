using Microsoft.Extensions.Options;

namespace AssistantKit.Realtime;

/// <summary>Server-side settings of the realtime stream, configured with <c>AddRealtime(o => …)</c> and validated when the host starts.</summary>
public sealed class RealtimeServerOptions
{
    /// <summary>Gets or sets the stream name sent in <c>welcome</c>; default <c>dashboard</c>.</summary>
    public string Stream { get; set; } = "dashboard";

    /// <summary>
    /// Gets or sets how many events may wait for one connection; default 1,000. When a client reads too slowly and its
    /// queue is full, it is disconnected with <see cref="RealtimeCloseCodes.SlowConsumer"/> and resumes later: one stalled
    /// client never slows the others and never holds more than this many events.
    /// </summary>
    public int SendQueueCapacity { get; set; } = 1_000;

    /// <summary>Gets or sets how many recent events are kept to serve <c>resume</c>; default 10,000.</summary>
    public int ReplayCapacity { get; set; } = 10_000;

    /// <summary>Gets or sets how long recent events are kept to serve <c>resume</c>; default 5 minutes.</summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets the heartbeat interval; default 30 seconds. The server pings every connection at this interval (WebSocket
    /// ping frames, which browsers answer by themselves) and closes a connection silent for twice the interval.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the largest inbound message in bytes; default 4,096. A larger one closes the connection with 1009.</summary>
    public int MaxInboundMessageBytes { get; set; } = 4_096;

    /// <summary>Gets or sets the sustained inbound message rate per connection; default 10 per second.</summary>
    public double InboundMessagesPerSecond { get; set; } = 10;

    /// <summary>Gets or sets how many inbound messages a connection may send at once above the rate; default 20. Beyond it the connection is closed with <see cref="RealtimeCloseCodes.RateLimited"/>.</summary>
    public int InboundBurst { get; set; } = 20;

    /// <summary>Gets or sets how many malformed or unknown messages a connection may send (each answered with an <c>error</c> frame) before it is closed with <see cref="RealtimeCloseCodes.ProtocolViolation"/>; default 10.</summary>
    public int MaxProtocolErrors { get; set; } = 10;

    /// <summary>
    /// Gets the browser origins (for example <c>https://app.example.com</c>) allowed to open connections, against cross-site
    /// WebSocket hijacking. Empty (the default) allows only the server's own origin. Requests without an <c>Origin</c> header
    /// (non-browser clients) are always allowed; they cannot carry a victim's cookies. <c>*</c> allows every origin.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>
    /// Gets or sets the query-string parameter from which a browser's bearer token is taken (browsers cannot set headers on
    /// WebSocket requests); default <c>access_token</c>; <see langword="null"/> turns it off. The token is moved into the
    /// <c>Authorization</c> header before authentication runs and removed from the query string.
    /// </summary>
    public string? AccessTokenQueryParameter { get; set; } = "access_token";

    /// <summary>Gets or sets the claim type whose values are the user's groups (<see cref="RealtimeAudience.Group"/>); default the role claim.</summary>
    public string GroupClaimType { get; set; } = System.Security.Claims.ClaimTypes.Role;

    /// <summary>Gets or sets how long a closing connection may take to finish its close handshake before it is aborted; default 5 seconds.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Validates <see cref="RealtimeServerOptions"/> without reflection.</summary>
internal sealed class RealtimeServerOptionsValidator : IValidateOptions<RealtimeServerOptions>
{
    public ValidateOptionsResult Validate(string? name, RealtimeServerOptions options)
    {
        var errors = new List<string>();
        if (!RealtimeEventTypes.IsWellFormed(options.Stream))
        {
            errors.Add($"RealtimeServerOptions.Stream '{options.Stream}' must be 1 to 64 characters of a-z 0-9 _ . -.");
        }

        if (options.SendQueueCapacity < 1 || options.ReplayCapacity < 0 || options.MaxInboundMessageBytes < 256 || options.InboundBurst < 1 || options.MaxProtocolErrors < 0)
        {
            errors.Add("RealtimeServerOptions: SendQueueCapacity and InboundBurst must be at least 1, ReplayCapacity and MaxProtocolErrors not negative, MaxInboundMessageBytes at least 256.");
        }

        if (options.ReplayWindow < TimeSpan.Zero || options.HeartbeatInterval < TimeSpan.FromMilliseconds(100) || options.CloseTimeout <= TimeSpan.Zero || !(options.InboundMessagesPerSecond > 0))
        {
            errors.Add("RealtimeServerOptions: ReplayWindow must not be negative, HeartbeatInterval at least 100 ms, CloseTimeout and InboundMessagesPerSecond positive.");
        }

        return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
