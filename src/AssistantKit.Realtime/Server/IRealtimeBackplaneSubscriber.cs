namespace AssistantKit.Realtime;

/// <summary>Receives what a <see cref="IRealtimeBackplane"/> delivers. Calls are never concurrent.</summary>
public interface IRealtimeBackplaneSubscriber
{
    /// <summary>
    /// Called before any message and whenever the stream's history is replaced (its epoch changes, for example because the
    /// backplane lost its data): messages after this call continue from <paramref name="lastSeq"/>.
    /// </summary>
    /// <param name="epoch">The stream's epoch: an id of its history.</param>
    /// <param name="lastSeq">The sequence number of the last event in the stream, 0 when there is none.</param>
    void OnEpoch(string epoch, long lastSeq);

    /// <summary>Called for each message, in <see cref="RealtimeMessage.Seq"/> order.</summary>
    /// <param name="message">The message.</param>
    void OnMessage(RealtimeMessage message);
}
