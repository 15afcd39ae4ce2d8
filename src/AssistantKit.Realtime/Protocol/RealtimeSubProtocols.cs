namespace AssistantKit.Realtime;

/// <summary>
/// WebSocket subprotocols (<c>Sec-WebSocket-Protocol</c>) a client may offer when it connects. Offering none gets the
/// default: one JSON frame per WebSocket message.
/// </summary>
public static class RealtimeSubProtocols
{
    /// <summary>
    /// <c>assistantkit.batch</c>: a WebSocket message may hold several frames, one per line (separated by <c>\n</c>; a frame
    /// never contains a line break). The server packs whatever is queued for the connection into one message, up to
    /// 64 KB, which saves both sides most of the per-message cost under load. The server accepts it by echoing it; a
    /// server that does not know it answers without a subprotocol, and messages hold one frame each. In a browser:
    /// <c>new WebSocket(url, ["assistantkit.batch"])</c>, then <c>event.data.split("\n")</c> when
    /// <c>socket.protocol === "assistantkit.batch"</c>. The .NET <c>RealtimeClient</c> offers it.
    /// </summary>
    public const string Batch = "assistantkit.batch";
}
