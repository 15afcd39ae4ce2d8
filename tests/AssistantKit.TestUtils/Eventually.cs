using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AssistantKit.TestUtils;

/// <summary>Waiting for something that happens on other threads or in other processes.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 10 ms; fails the test after <paramref name="timeout"/> (default 10 s), naming the condition.</summary>
    public static async Task Until(Func<bool> condition, TimeSpan? timeout = null, [CallerArgumentExpression(nameof(condition))] string? expression = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {limit.TotalSeconds:0.#} s waiting for {expression}.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>
    /// Advances <paramref name="time"/> by <paramref name="step"/> until <paramref name="condition"/> holds, pausing 10 ms of
    /// real time between steps so that the code under test runs its continuations (and registers its next timer) before the
    /// clock moves again. Fails after 10 s of real time, naming the condition and how far the fake clock went.
    /// </summary>
    public static async Task UntilAdvancing(FakeTimeProvider time, TimeSpan step, Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? expression = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var start = time.GetUtcNow();
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {expression} after advancing the fake clock by {time.GetUtcNow() - start}.");
            }

            time.Advance(step);
            await Task.Delay(10);
        }
    }
}
