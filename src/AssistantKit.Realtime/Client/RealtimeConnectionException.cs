namespace AssistantKit.Realtime;

/// <summary>Thrown when a realtime connection ends for a reason other than the client closing it; the client reconnects.</summary>
public sealed class RealtimeConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RealtimeConnectionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public RealtimeConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public RealtimeConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the close code the server sent, when it sent one.</summary>
    public int? CloseCode { get; init; }
}
