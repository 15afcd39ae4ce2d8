using System.Diagnostics;

namespace AssistantKit.Benchmarks;

/// <summary>Publishes at a fixed rate, each event issued at its scheduled time without awaiting the one before.</summary>
internal static class FixedRatePublisher
{
    /// <summary>
    /// Calls <paramref name="publish"/> <paramref name="total"/> times, the i-th at start + i / <paramref name="rate"/> s,
    /// with its scheduled time as a <see cref="Stopwatch"/> timestamp, or -1 for the first <paramref name="warmUp"/>
    /// (events that are not measured); returns when every publish has completed.
    /// </summary>
    public static async Task RunAsync(int rate, int total, int warmUp, Func<long, int, Task> publish)
    {
        var start = Stopwatch.GetTimestamp();
        var pending = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)((double)i / rate * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            pending.Add(publish(i < warmUp ? -1 : due, i));
        }

        await Task.WhenAll(pending);
    }
}
