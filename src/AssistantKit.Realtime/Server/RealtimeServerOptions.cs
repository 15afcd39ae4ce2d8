using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AssistantKit.Realtime;

/// <summary>Server-side settings of the realtime stream, configured with <c>AddRealtime(o => …)</c> and validated when the host starts.</summary>
public sealed class RealtimeServerOptions
{
    /// <summary>Gets or sets the stream name sent in <c>welcome</c>; default <c>dashboard</c>.</summary>
    [RegularExpression("^[a-z0-9_.-]{1,64}$", ErrorMessage = "{0} must be 1 to 64 characters of a-z 0-9 _ . -.")]
    public string Stream { get; set; } = "dashboard";

    /// <summary>
    /// Gets or sets how many events may wait for one connection; default 100,000 (the queue holds references to frames
    /// shared by every connection: at most 2.4 MB per connection). With <see cref="MaxSendQueueBytes"/> and
    /// <see cref="MaxSendDelay"/> it decides when a client reads too slowly: it is then disconnected with
    /// <see cref="RealtimeCloseCodes.SlowConsumer"/> and resumes later, so one stalled client never slows the others.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int SendQueueCapacity { get; set; } = 100_000;

    /// <summary>Gets or sets how many bytes of frames may wait for one connection before it counts as too slow; default 16 MB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxSendQueueBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// Gets or sets how long the oldest frame waiting for one connection may have waited before the connection counts as
    /// too slow; default 10 seconds. A client that keeps reading is never this far behind unless the network is.
    /// </summary>
    [MinimumDuration(100)]
    public TimeSpan MaxSendDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets how many recent events are kept to serve <c>resume</c>; default 50,000 (more than a connection may
    /// fall behind at 2,000 events per second before it is cut, so that a cut client resumes without a <c>reset</c>).
    /// </summary>
    [Range(0, int.MaxValue)]
    public int ReplayCapacity { get; set; } = 50_000;

    /// <summary>Gets or sets how long recent events are kept to serve <c>resume</c>; default 5 minutes.</summary>
    [MinimumDuration(0)]
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets the heartbeat interval; default 30 seconds. The server pings every connection at this interval (WebSocket
    /// ping frames, which browsers answer by themselves) and closes a connection silent for twice the interval.
    /// </summary>
    [MinimumDuration(100)]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the largest inbound message in bytes; default 4,096. A larger one closes the connection with 1009.</summary>
    [Range(256, int.MaxValue)]
    public int MaxInboundMessageBytes { get; set; } = 4_096;

    /// <summary>Gets or sets the sustained inbound message rate per connection; default 10 per second.</summary>
    [Range(double.Epsilon, double.MaxValue)]
    public double InboundMessagesPerSecond { get; set; } = 10;

    /// <summary>Gets or sets how many inbound messages a connection may send at once above the rate; default 20. Beyond it the connection is closed with <see cref="RealtimeCloseCodes.RateLimited"/>.</summary>
    [Range(1, int.MaxValue)]
    public int InboundBurst { get; set; } = 20;

    /// <summary>Gets or sets how many malformed or unknown messages a connection may send (each answered with an <c>error</c> frame) before it is closed with <see cref="RealtimeCloseCodes.ProtocolViolation"/>; default 10.</summary>
    [Range(0, int.MaxValue)]
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
    [MinimumDuration(1)]
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Validates <see cref="RealtimeServerOptions"/> from its data annotations; the code is generated at compile time (no reflection, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class RealtimeServerOptionsValidator : IValidateOptions<RealtimeServerOptions>;
