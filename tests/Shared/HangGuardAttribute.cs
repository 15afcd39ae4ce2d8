using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Xunit;
using Xunit.v3;

namespace AssistantKit.Testing;

/// <summary>
/// Ends a hung test process instead of letting it hold CI until CI's own limit: when one test has run longer than
/// <see cref="Limit"/>, or no test has run for as long (a fixture's disposal that never returns, a
/// process that does not exit after its last test), the process fails fast with a message naming what was running, so
/// the run ends red with the name instead of silent. tests/Directory.Build.props compiles it into every test project and
/// applies it to the assembly; <c>ASSISTANTKIT_TEST_LIMIT_MINUTES</c> changes the limit.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
internal sealed class HangGuardAttribute : BeforeAfterTestAttribute
{
    private static readonly ConcurrentDictionary<string, (string Name, long Started)> Running = new();
    private static readonly Lazy<Timer> Watch = new(static () => new Timer(static _ => Check(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)));
    private static long _lastActivity = Stopwatch.GetTimestamp();

    /// <summary>Gets how long one test may run, and how long the process may go on with no test running once tests have begun.</summary>
    public static TimeSpan Limit { get; } = TimeSpan.FromMinutes(double.TryParse(Environment.GetEnvironmentVariable("ASSISTANTKIT_TEST_LIMIT_MINUTES"), out var minutes) ? minutes : 10);

    public override void Before(MethodInfo methodUnderTest, IXunitTest test)
    {
        Running[test.UniqueID] = (test.TestDisplayName, Stopwatch.GetTimestamp());
        Interlocked.Exchange(ref _lastActivity, Stopwatch.GetTimestamp());
        _ = Watch.Value;
    }

    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        Running.TryRemove(test.UniqueID, out _);
        Interlocked.Exchange(ref _lastActivity, Stopwatch.GetTimestamp());
    }

    private static void Check()
    {
        var running = Running.Values.Select(static r => (r.Name, Elapsed: Stopwatch.GetElapsedTime(r.Started))).OrderByDescending(static r => r.Elapsed).ToList();
        string? reason = null;
        if (running.Count > 0 && running[0].Elapsed > Limit)
        {
            reason = $"'{running[0].Name}' has run for {running[0].Elapsed.TotalMinutes:0.#} min (limit {Limit.TotalMinutes:0.#}): it hangs.";
        }
        else if (running.Count == 0 && Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastActivity)) is var idle && idle > Limit)
        {
            reason = $"No test has run for {idle.TotalMinutes:0.#} min: a fixture's disposal or the process's exit hangs.";
        }

        if (reason is null)
        {
            return;
        }

        var message = $"[hang guard] {Assembly.GetEntryAssembly()?.GetName().Name}: {reason} Running: {(running.Count == 0 ? "nothing" : string.Join("; ", running.Select(static r => $"{r.Name} ({r.Elapsed.TotalSeconds:0} s)")))}.";
        Console.Error.WriteLine(message);
        Console.Out.WriteLine(message);
        Environment.FailFast(message);
    }
}
