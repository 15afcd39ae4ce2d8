namespace AssistantKit.Realtime;

/// <summary>
/// Told when connections open and close (for example by the presence producer). Register with
/// <c>TryAddEnumerable</c>. Calls come from connection threads; implementations must be quick and thread-safe, and an
/// exception they throw is logged and otherwise ignored.
/// </summary>
public interface IRealtimeConnectionObserver
{
    /// <summary>A connection opened.</summary>
    /// <param name="connection">The connection.</param>
    void OnConnected(RealtimeConnectionInfo connection);

    /// <summary>A connection closed.</summary>
    /// <param name="connection">The connection.</param>
    void OnDisconnected(RealtimeConnectionInfo connection);
}
