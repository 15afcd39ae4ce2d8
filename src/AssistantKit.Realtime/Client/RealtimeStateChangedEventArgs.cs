namespace AssistantKit.Realtime;

/// <summary>Describes a change of <see cref="RealtimeClient.State"/>.</summary>
/// <param name="previous">The state before.</param>
/// <param name="current">The state now.</param>
/// <param name="error">What ended the last connection or attempt, when it failed.</param>
/// <param name="retryDelay">How long the client waits before its next attempt, when it is going to retry.</param>
public sealed class RealtimeStateChangedEventArgs(RealtimeConnectionState previous, RealtimeConnectionState current, Exception? error, TimeSpan? retryDelay) : EventArgs
{
    /// <summary>Gets the state before the change.</summary>
    public RealtimeConnectionState Previous { get; } = previous;

    /// <summary>Gets the state after the change.</summary>
    public RealtimeConnectionState Current { get; } = current;

    /// <summary>Gets what ended the last connection or attempt, when it failed.</summary>
    public Exception? Error { get; } = error;

    /// <summary>Gets the delay before the next attempt, when one is scheduled.</summary>
    public TimeSpan? RetryDelay { get; } = retryDelay;
}
