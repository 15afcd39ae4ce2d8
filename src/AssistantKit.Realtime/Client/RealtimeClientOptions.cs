using System.Net.WebSockets;
using System.Text.Json.Serialization.Metadata;

namespace AssistantKit.Realtime;

/// <summary>Settings of a <see cref="RealtimeClient"/>. Every default is documented; <see cref="Validate"/> runs when the client is created.</summary>
public sealed class RealtimeClientOptions
{
    /// <summary>Gets or sets the endpoint, for example <c>wss://example.com/realtime</c>. Required.</summary>
    public Uri? Uri { get; set; }

    /// <summary>Gets or sets the event types to receive (filtered on the server); <see langword="null"/> (the default) for all.</summary>
    public IReadOnlyCollection<string>? Types { get; set; }

    /// <summary>Gets or sets the first reconnect delay cap; default 1 second. Each delay is random between 0 and the cap (full jitter).</summary>
    public TimeSpan InitialReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the largest reconnect delay cap; default 30 seconds. The cap doubles per failed attempt up to this.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many reconnect attempts in a row may fail before the client gives up and goes <see cref="RealtimeConnectionState.Disconnected"/>; default <see langword="null"/>: never give up.</summary>
    public int? MaxReconnectAttempts { get; set; }

    /// <summary>Gets or sets how long one connect attempt may take; default 15 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets or sets how often the client pings the server; default 30 seconds.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long after a ping the client waits for any frame before it treats the connection as dead (half-open)
    /// and reconnects; default 10 seconds.
    /// </summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets how many received events may wait for the handlers; default 10,000. When handlers fall this far behind,
    /// the client stops reading: it closes the connection, waits until half of the backlog is handled, then reconnects and
    /// resumes after the last event it accepted. Slow handlers therefore never lose events and never stall heartbeats.
    /// </summary>
    public int HandOffCapacity { get; set; } = 10_000;

    /// <summary>Gets or sets the largest event the client accepts, in bytes; default 4 MB. A larger event is skipped and logged.</summary>
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

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        if (Uri is not { IsAbsoluteUri: true } uri || (uri.Scheme != "ws" && uri.Scheme != "wss" && uri.Scheme != "http" && uri.Scheme != "https"))
        {
            throw new ArgumentException($"RealtimeClientOptions.Uri must be an absolute ws, wss, http or https URL; it is '{Uri}'.");
        }

        if (InitialReconnectDelay <= TimeSpan.Zero || MaxReconnectDelay < InitialReconnectDelay)
        {
            throw new ArgumentException("RealtimeClientOptions: InitialReconnectDelay must be positive and MaxReconnectDelay at least InitialReconnectDelay.");
        }

        if (ConnectTimeout <= TimeSpan.Zero || HeartbeatInterval <= TimeSpan.Zero || HeartbeatTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("RealtimeClientOptions: ConnectTimeout, HeartbeatInterval and HeartbeatTimeout must be positive.");
        }

        if (HandOffCapacity < 2 || MaxMessageBytes < 1024 || MaxReconnectAttempts < 0)
        {
            throw new ArgumentException("RealtimeClientOptions: HandOffCapacity must be at least 2, MaxMessageBytes at least 1024, MaxReconnectAttempts not negative.");
        }

        if (Types is not null && Types.Any(t => !RealtimeEventTypes.IsWellFormed(t)))
        {
            throw new ArgumentException("RealtimeClientOptions.Types: every type must be 1 to 64 characters of a-z 0-9 _ . -.");
        }
    }
}
