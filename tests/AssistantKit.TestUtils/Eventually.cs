using System.Runtime.CompilerServices;
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
}
