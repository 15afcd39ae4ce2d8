namespace AssistantKit.Realtime;

/// <summary>
/// Where the client resumes after a reconnect: the stream epoch and the sequence number of the last event handed to the
/// dispatcher; events at or below it are duplicates (a resume may overlap what already arrived).
/// </summary>
/// <remarks>
/// Owner: the connection loop is the only writer (<see cref="OnWelcome"/>, <see cref="OnReset"/>, <see cref="Advance"/>).
/// Any thread reads <see cref="Position"/>. Both fields are read and written under <see cref="_gate"/>, so a reader never
/// sees an epoch with another epoch's sequence number.
/// </remarks>
internal sealed class ResumeCursor
{
    private readonly Lock _gate = new();
    private string? _epoch;
    private long _seq;

    /// <summary>Gets the epoch and the last accepted sequence number; (<see langword="null"/>, 0) before the first welcome.</summary>
    public (string? Epoch, long Seq) Position
    {
        get
        {
            lock (_gate)
            {
                return (_epoch, _seq);
            }
        }
    }

    /// <summary>The server's welcome: the first one of the client's life sets the position (events from now on); later ones keep it.</summary>
    public void OnWelcome(string? epoch, long seq)
    {
        lock (_gate)
        {
            if (_epoch is null)
            {
                _epoch = epoch;
                _seq = seq;
            }
        }
    }

    /// <summary>The server could not resume: continue from the position it names.</summary>
    public void OnReset(string? epoch, long seq)
    {
        lock (_gate)
        {
            _epoch = epoch ?? _epoch;
            _seq = seq;
        }
    }

    /// <summary>Returns whether an event was already accepted (sequence numbers only grow within an epoch).</summary>
    public bool IsDuplicate(long seq)
    {
        lock (_gate)
        {
            return seq > 0 && seq <= _seq;
        }
    }

    /// <summary>An event was handed to the dispatcher: resume after it.</summary>
    public void Advance(long seq)
    {
        if (seq <= 0)
        {
            return;
        }

        lock (_gate)
        {
            _seq = seq;
        }
    }
}
