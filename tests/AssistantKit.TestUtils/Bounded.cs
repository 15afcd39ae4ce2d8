using System.Diagnostics;

namespace AssistantKit.TestUtils;

/// <summary>Teardown that cannot hang a test run: stopping servers and processes with a limit, failing with what did not finish.</summary>
public static class Bounded
{
    /// <summary>Awaits <paramref name="task"/>; throws a <see cref="TimeoutException"/> naming <paramref name="what"/> when it takes longer than <paramref name="limit"/>.</summary>
    public static async Task WaitAsync(Task task, TimeSpan limit, string what)
    {
        try
        {
            await task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what} did not finish within {limit.TotalSeconds:0} s.");
        }
    }

    /// <summary>Kills <paramref name="process"/> and everything it started, and waits (at most 30 s) until it has exited.</summary>
    public static Task KillAsync(Process process, string what)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        return WaitAsync(process.WaitForExitAsync(), TimeSpan.FromSeconds(30), $"Killing {what}");
    }
}
