using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace AssistantKit.Realtime;

/// <summary>
/// Keeps the durations of the most recent HTTP requests (WebSocket requests excluded: they last as long as the connection)
/// for the <c>system_health</c> response-time percentiles. Thread-safe; recording is one lock and one array store.
/// </summary>
public sealed class RequestLatencyRecorder
{
    private readonly Lock _gate = new();
    private readonly (long At, double Milliseconds)[] _samples;
    private readonly TimeProvider _time;
    private int _next;
    private int _count;

    /// <summary>Creates a recorder.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="capacity">How many recent requests are kept; default 2,048.</param>
    public RequestLatencyRecorder(TimeProvider timeProvider, int capacity = 2_048)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = timeProvider;
        _samples = new (long, double)[capacity];
    }

    /// <summary>Records one request's duration.</summary>
    /// <param name="duration">The duration.</param>
    public void Record(TimeSpan duration)
    {
        var at = _time.GetTimestamp();
        lock (_gate)
        {
            _samples[_next] = (at, duration.TotalMilliseconds);
            _next = (_next + 1) % _samples.Length;
            _count = Math.Min(_count + 1, _samples.Length);
        }
    }

    /// <summary>Gets the 50th, 95th and 99th percentile durations (ms) of the requests within <paramref name="window"/>, and their number.</summary>
    /// <param name="window">How far back to look.</param>
    /// <returns>The percentiles (0 when no request was measured).</returns>
    public (double P50, double P95, double P99, int Count) GetPercentiles(TimeSpan window)
    {
        var now = _time.GetTimestamp();
        double[] values;
        lock (_gate)
        {
            values = [.. _samples.Take(_count).Where(s => _time.GetElapsedTime(s.At, now) <= window).Select(s => s.Milliseconds)];
        }

        if (values.Length == 0)
        {
            return (0, 0, 0, 0);
        }

        Array.Sort(values);
        double At(double p) => values[Math.Min(values.Length - 1, (int)Math.Ceiling(p * values.Length) - 1)];
        return (At(0.50), At(0.95), At(0.99), values.Length);
    }
}

/// <summary>Measures every request first in the pipeline (added by <c>AddSystemHealth()</c>).</summary>
internal sealed class RequestLatencyStartupFilter(RequestLatencyRecorder recorder, TimeProvider time) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (context.WebSockets.IsWebSocketRequest)
            {
                await nextMiddleware(context).ConfigureAwait(false);
                return;
            }

            var start = time.GetTimestamp();
            try
            {
                await nextMiddleware(context).ConfigureAwait(false);
            }
            finally
            {
                recorder.Record(time.GetElapsedTime(start));
            }
        });
        next(app);
    };
}
