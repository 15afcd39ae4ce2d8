using System.Diagnostics;

namespace AssistantKit.TestUtils;

/// <summary>
/// An export-jobs server in a process of its own (AssistantKit.Export.Jobs.TestNode, which the calling project
/// references), to be killed mid-job. Disposing kills it.
/// </summary>
public sealed class ExportJobsTestNode : IDisposable
{
    private ExportJobsTestNode(Process process) => Process = process;

    public Process Process { get; }

    /// <summary>Starts a server on <paramref name="database"/> with results in <paramref name="folder"/>; options as the TestNode's usage line says.</summary>
    public static ExportJobsTestNode Start(string database, string folder, string instance, params string[] options)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "AssistantKit.Export.Jobs.TestNode.dll"), database, folder, instance, .. options])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginErrorReadLine();
        return new ExportJobsTestNode(process);
    }

    /// <summary>Waits for the line the server prints that starts with <paramref name="prefix"/> (<c>ready</c>, <c>job </c>) and returns the rest.</summary>
    public async Task<string> ReadLineAsync(string prefix, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (await Process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line[prefix.Length..];
            }
        }

        throw new InvalidOperationException($"The server exited ({Process.ExitCode}) before printing '{prefix}'.");
    }

    /// <summary>Kills the server at once (no shutdown), as a crash or an out-of-memory kill would.</summary>
    public Task KillAsync() => Bounded.KillAsync(Process, "the export-jobs test node");

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }
}
