using Xunit;

namespace AssistantKit.TestUtils;

/// <summary>Waiting for something that happens on other threads or in other processes.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 10 ms; fails the test after <paramref name="timeout"/> (default 10 s).</summary>
    public static async Task Until(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting for the condition.");
            }

            await Task.Delay(10);
        }
    }
}
