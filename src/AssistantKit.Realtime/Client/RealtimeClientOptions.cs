using System.ComponentModel.DataAnnotations;
using System.Net.WebSockets;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace AssistantKit.Realtime;

/// <summary>Settings of a <see cref="RealtimeClient"/>. Every default is documented; they are validated when the client is created.</summary>
public sealed class RealtimeClientOptions : IValidatableObject
{
    /// <summary>Gets or sets the endpoint, for example <c>wss://example.com/realtime</c>. Required.</summary>
    [Required(ErrorMessage = "{0} is required: an absolute ws, wss, http or https URL.")]
    [AbsoluteUrl("ws", "wss", "http", "https")]
    public Uri? Uri { get; set; }

    /// <summary>Gets or sets the event types to receive (filtered on the server); <see langword="null"/> (the default) for all.</summary>
    public IReadOnlyCollection<string>? Types { get; set; }

    /// <summary>Gets or sets the first reconnect delay cap; default 1 second. Each delay is random between 0 and the cap (full jitter).</summary>
    [MinimumDuration(1)]
    public TimeSpan InitialReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the largest reconnect delay cap; default 30 seconds. The cap doubles per failed attempt up to this.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many reconnect attempts in a row may fail before the client gives up and goes <see cref="RealtimeConnectionState.Disconnected"/>; default <see langword="null"/>: never give up.</summary>
    [Range(0, int.MaxValue)]
    public int? MaxReconnectAttempts { get; set; }

    /// <summary>Gets or sets how long one connect attempt may take; default 15 seconds.</summary>
    [MinimumDuration(1)]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets or sets how often the client pings the server; default 30 seconds.</summary>
    [MinimumDuration(1)]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long after a ping the client waits for any frame before it treats the connection as dead (half-open)
    /// and reconnects; default 10 seconds.
    /// </summary>
    [MinimumDuration(1)]
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets how many received events may wait for the handlers; default 10,000. When handlers fall this far behind,
    /// the client stops reading: it closes the connection, waits until half of the backlog is handled, then reconnects and
    /// resumes after the last event it accepted. Slow handlers therefore never lose events and never stall heartbeats.
    /// </summary>
    [Range(2, int.MaxValue)]
    public int HandOffCapacity { get; set; } = 10_000;

    /// <summary>Gets or sets the largest event the client accepts, in bytes; default 4 MB. A larger event is skipped and logged.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Gets or sets a callback that returns the bearer token for each connect attempt (sent as the <c>Authorization</c> header); default none.</summary>
    public Func<CancellationToken, ValueTask<string?>>? AccessTokenProvider { get; set; }

    /// <summary>Gets or sets a callback that adjusts each <see cref="ClientWebSocketOptions"/> (headers, proxy, certificates).</summary>
    public Action<ClientWebSocketOptions>? ConfigureWebSocket { get; set; }

    /// <summary>
    /// Gets or sets the JSON metadata used by <see cref="RealtimeClient.On{T}(string, Action{T})"/>; default: the five dashboard
    /// payloads (<see cref="RealtimeJson.TypeInfoResolver"/>). Combine with your own source-generated context for your own types.
    /// </summary>
    public IJsonTypeInfoResolver? PayloadTypeInfoResolver { get; set; }

    /// <summary>Gets or sets the clock; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The rules that involve more than one setting (the rest are the properties' annotations).</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (MaxReconnectDelay < InitialReconnectDelay)
        {
            yield return new ValidationResult("RealtimeClientOptions.MaxReconnectDelay must be at least InitialReconnectDelay.", [nameof(MaxReconnectDelay)]);
        }

        if (Types is not null && Types.Any(static t => !RealtimeEventTypes.IsWellFormed(t)))
        {
            yield return new ValidationResult("RealtimeClientOptions.Types: every type must be 1 to 64 characters of a-z 0-9 _ . -.", [nameof(Types)]);
        }
    }
}

/// <summary>Validates <see cref="RealtimeClientOptions"/> from its data annotations; the code is generated at compile time (no reflection, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class RealtimeClientOptionsValidator : IValidateOptions<RealtimeClientOptions>;
