using System.Diagnostics;
using Xunit;

namespace AssistantKit.TestUtils;

/// <summary>
/// Outside programs that some tests drive (chromium, pdftotext, redis-server). A test asks for one with <see cref="Require"/>:
/// when it is missing the test is skipped with the reason, except under <c>ASSISTANTKIT_REQUIRE_ALL=1</c> (set by
/// <c>.ci/run</c>), where it fails, so CI never skips silently.
/// </summary>
public static class ExternalProgram
{
    /// <summary>Gets a value indicating whether a missing program fails the test instead of skipping it.</summary>
    public static bool RequireAll => Environment.GetEnvironmentVariable("ASSISTANTKIT_REQUIRE_ALL") == "1";

    /// <summary>Returns <paramref name="path"/> when the file exists, or skips (fails under CI) naming the package that installs it.</summary>
    /// <param name="path">The file, for example a font.</param>
    /// <param name="debianPackage">The Debian package that provides it.</param>
    /// <returns>The path.</returns>
    public static string RequireFile(string path, string debianPackage)
    {
        return File.Exists(path) ? path : Missing($"'{path}' is missing (Debian package {debianPackage}; .ci/run installs it).");
    }

    /// <summary>Returns the full path of <paramref name="name"/>, or skips (fails under CI) when it is not installed.</summary>
    /// <param name="name">The program name, looked up on PATH.</param>
    /// <param name="debianPackage">The Debian package that provides it, named in the message.</param>
    /// <returns>The path.</returns>
    public static string Require(string name, string debianPackage)
    {
        return Find(name) ?? Missing($"'{name}' is not installed (Debian package {debianPackage}; .ci/run installs it).");
    }

    /// <summary>Skips the test with <paramref name="reason"/>, or fails it under ASSISTANTKIT_REQUIRE_ALL=1.</summary>
    private static string Missing(string reason)
    {
        if (RequireAll)
        {
            Assert.Fail(reason + " ASSISTANTKIT_REQUIRE_ALL=1 forbids skipping.");
        }

        Assert.Skip(reason);
        return null!;
    }

    /// <summary>Runs a program to completion and returns its exit code and standard output.</summary>
    /// <param name="path">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="timeout">How long it may run.</param>
    /// <returns>The exit code, standard output and standard error.</returns>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string path, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{path} did not finish within {timeout}.");
        }

        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
