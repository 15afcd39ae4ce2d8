namespace AssistantKit.Realtime;

/// <summary>A token bucket for inbound message rates. Used by one receive loop at a time.</summary>
internal sealed class TokenBucket(double ratePerSecond, int burst, TimeProvider time)
{
    private double _tokens = burst;
    private long _last = time.GetTimestamp();

    public bool TryTake()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_last, now).TotalSeconds * ratePerSecond));
        _last = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens--;
        return true;
    }
}
