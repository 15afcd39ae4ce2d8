namespace AssistantKit.Realtime;

/// <summary>The connection state of a <see cref="RealtimeClient"/>.</summary>
public enum RealtimeConnectionState
{
    /// <summary>Not connected and not trying: before <see cref="RealtimeClient.ConnectAsync"/>, after disposal, or after giving up.</summary>
    Disconnected,

    /// <summary>Connecting for the first time (retrying until it succeeds).</summary>
    Connecting,

    /// <summary>Connected: events flow.</summary>
    Connected,

    /// <summary>Lost the connection; reconnecting, and will resume without loss.</summary>
    Reconnecting,
}
