namespace AssistantKit.Realtime;

/// <summary>The most recent events with their frames, bounded by count and age. Not thread-safe: the hub holds its lock.</summary>
internal sealed class ReplayBuffer(int capacity, TimeSpan window)
{
    private readonly Entry[] _entries = new Entry[Math.Max(capacity, 1)];
    private int _start;
    private int _count;

    /// <summary>Gets the sequence number of the newest event no longer held (0 while nothing was dropped).</summary>
    public long DroppedThrough { get; private set; }

    public void Add(RealtimeMessage message, byte[] frame)
    {
        if (capacity == 0)
        {
            DroppedThrough = message.Seq;
            return;
        }

        if (_count == _entries.Length)
        {
            DropOldest();
        }

        _entries[(_start + _count) % _entries.Length] = new Entry(message, frame);
        _count++;
    }

    /// <summary>Drops the events older than the window.</summary>
    public void Expire(DateTimeOffset now)
    {
        var oldest = now - window;
        while (_count > 0 && _entries[_start].Message.Timestamp < oldest)
        {
            DropOldest();
        }
    }

    /// <summary>Resets to an empty history whose last event is <paramref name="lastSeq"/>.</summary>
    public void Clear(long lastSeq)
    {
        Array.Clear(_entries);
        _start = _count = 0;
        DroppedThrough = lastSeq;
    }

    /// <summary>Whether every event after <paramref name="seq"/> is still held.</summary>
    public bool Covers(long seq) => seq >= DroppedThrough;

    public IEnumerable<Entry> After(long seq)
    {
        for (var i = 0; i < _count; i++)
        {
            var entry = _entries[(_start + i) % _entries.Length];
            if (entry.Message.Seq > seq)
            {
                yield return entry;
            }
        }
    }

    private void DropOldest()
    {
        DroppedThrough = _entries[_start].Message.Seq;
        _entries[_start] = default;
        _start = (_start + 1) % _entries.Length;
        _count--;
    }

    public readonly record struct Entry(RealtimeMessage Message, byte[] Frame);
}
