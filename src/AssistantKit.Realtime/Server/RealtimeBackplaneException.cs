namespace AssistantKit.Realtime;

/// <summary>Thrown by <see cref="IRealtimePublisher.PublishAsync"/> when the backplane cannot take the event (for example Redis is down); the event was not published.</summary>
public sealed class RealtimeBackplaneException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RealtimeBackplaneException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public RealtimeBackplaneException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public RealtimeBackplaneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
