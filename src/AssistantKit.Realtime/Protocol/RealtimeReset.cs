namespace AssistantKit.Realtime;

/// <summary>The data of the <see cref="RealtimeEventTypes.Reset"/> event a <see cref="RealtimeClient"/> raises when it could not resume without loss.</summary>
/// <param name="Reason"><c>gap</c> (the missed events are older than the replay window), <c>epoch</c> (the server's history was replaced, for example by a restart) or <c>ahead</c> (the client's position is newer than the server's).</param>
/// <param name="Epoch">The stream epoch from now on.</param>
/// <param name="Seq">The stream position from which events are delivered again.</param>
public sealed record RealtimeReset(string Reason, string Epoch, long Seq);
