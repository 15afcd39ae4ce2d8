namespace AssistantKit.Realtime;

/// <summary>
/// An event on its way through the backplane: published on one node, given its <see cref="Seq"/> and <see cref="Id"/>
/// by the backplane, delivered to every node in <see cref="Seq"/> order.
/// </summary>
/// <param name="Type">The event type.</param>
/// <param name="Data">The payload as UTF-8 JSON.</param>
/// <param name="Timestamp">When it was published.</param>
/// <param name="Audience">Who receives it.</param>
public sealed record RealtimeMessage(string Type, ReadOnlyMemory<byte> Data, DateTimeOffset Timestamp, RealtimeAudience Audience)
{
    /// <summary>Gets the position in the stream (from 1, increasing by 1 per event); 0 until the backplane assigns it.</summary>
    public long Seq { get; init; }

    /// <summary>Gets the event id, unique across epochs; empty until the backplane assigns it.</summary>
    public string Id { get; init; } = "";
}
