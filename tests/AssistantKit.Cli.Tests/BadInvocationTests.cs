using System.Diagnostics;
using System.IO.Compression;
using AssistantKit.TestUtils;

namespace AssistantKit.Cli.Tests;

/// <summary>
/// The tool's side of the hostile-input contract (docs/hostile-input.md): every bad invocation ends with exit code 2 (or
/// 1 when only some items failed), an "error:" line that says what and where, no stack trace, and nothing half-written.
/// </summary>
public sealed class BadInvocationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ak-bad-").FullName;

    public BadInvocationTests()
    {
        File.WriteAllText(Path.Combine(_directory, "afile"), "x");
        Directory.CreateDirectory(Path.Combine(_directory, "empty"));
        ZipFile.Open(Path.Combine(_directory, "empty.zip"), ZipArchiveMode.Create).Dispose();
        using (var nested = ZipFile.Open(Path.Combine(_directory, "nested.zip"), ZipArchiveMode.Create))
        {
            nested.CreateEntry("export.zip").Open().Dispose();
        }

        File.WriteAllText(Path.Combine(_directory, "one.json"), """[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"}]""");
        File.WriteAllText(Path.Combine(_directory, "variables.json"), """{"schemaVersion":1,"templates":[{"id":"a","name":"A","examples":[{"user":"u","assistant":"a"}],"variables":[5]}]}""");
        File.WriteAllText(Path.Combine(_directory, "template.json"), """{"id":"a","name":"A","examples":[{"user":"u","assistant":"a"}]}""");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Cli => Path.Combine(AppContext.BaseDirectory, "AssistantKit.Cli.dll");

    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "chatgpt-export.json");

    public static TheoryData<string, int, string> Cases() => new()
    {
        { "export {fixture} --out {dir}/afile", 2, "takes one conversation, but the input holds several" },
        { "export {fixture} --out ", 2, "--out is empty" },
        { "export {fixture} --zip --out {dir}/", 2, "is a directory" },
        { "export {fixture} --out {dir}/afile/x/", 2, "cannot write to" },
        { "export {fixture} --out /proc/assistantkit-test/", 2, "cannot write to /proc/assistantkit-test/" },
        { "export {dir}/one.json --out /dev/full", 2, "No space left on device" },
        { "export {dir}/empty --out {dir}/o/", 2, "holds no .json file" },
        { "export {dir}/empty.zip --out {dir}/o/", 2, "The ZIP archive holds no .json file" },
        { "export {dir}/nested.zip --out {dir}/o/", 2, "only another ZIP" },
        { "export {dir}/missing.json --out {dir}/o/", 2, "missing.json: no such file or directory" },
        { "export {fixture} --input-format nope --out {dir}/o/", 2, "Unknown import format 'nope'" },
        { "export --bogus {fixture} --out {dir}/o/", 2, "unknown option '--bogus'" },
        { "export {fixture} -f nope --out {dir}/o/", 2, "unknown format 'nope'" },
        { "export {fixture} --time-zone Mars/Olympus --out {dir}/o/", 2, "Unknown time zone 'Mars/Olympus'" },
        { "export {fixture} --culture xx-INVALID --out {dir}/o/", 2, "Unknown culture 'xx-INVALID'" },
        { "export {fixture} --from 2025-02-01 --to 2025-01-01 --out {dir}/o/", 2, "after it ends" },
        { "export {fixture} --from yesterday --out {dir}/o/", 2, "ISO-8601" },
        { "templates validate {dir}/variables.json", 2, "$.templates[0].variables[0]: A variable is an object" },
        { "templates validate /dev/zero", 2, "larger than 1,048,576 bytes" },
        { "templates validate {dir}/missing.json", 2, "no such file" },
        { "templates import {dir}/template.json --store {dir}/afile --user ada", 2, "is a file; name a directory" },
        { "templates import {dir}/template.json --store {dir}/store --user ", 2, "--user is empty" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInvocation_ExitCodeAndOneLineMessage_NoTraceNoLeftovers(string command, int expectedExit, string expectedMessage)
    {
        var arguments = command.Replace("{fixture}", Fixture, StringComparison.Ordinal).Replace("{dir}", _directory, StringComparison.Ordinal).Split(' ');
        var (exit, _, error) = await ExternalProgram.RunAsync("dotnet", [Cli, .. arguments.Select(static a => a)], TimeSpan.FromMinutes(2));

        Assert.True(exit == expectedExit, $"exit {exit}: {error}");
        Assert.Contains(expectedMessage, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error.Replace("ConversationImportException", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(error.Split('\n').Where(static l => l.Length > 0), static line => Assert.True(line.StartsWith("error: ", StringComparison.Ordinal) || line.Contains(": $", StringComparison.Ordinal) || line.Contains(" converted, ", StringComparison.Ordinal), line));
        Assert.Empty(Directory.EnumerateFiles(_directory, "*.partial", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ControlCharactersFromTheCommandLine_AreEscapedOnStandardError()
    {
        var (exit, _, error) = await ExternalProgram.RunAsync("dotnet", [Cli, "export", Fixture, "--time-zone", "Bad\u001b[31mRed", "--out", _directory + "/o/"], TimeSpan.FromMinutes(2));

        Assert.Equal(2, exit);
        Assert.Contains("Bad\\u001B[31mRed", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', error);
    }

    [Fact]
    public async Task DevNull_IsWrittenThrough_AndStaysADevice()
    {
        var (exit, _, error) = await ExternalProgram.RunAsync("dotnet", [Cli, "export", Path.Combine(_directory, "one.json"), "--out", "/dev/null"], TimeSpan.FromMinutes(2));
        var (_, type, _) = await ExternalProgram.RunAsync("stat", ["-c", "%F", "/dev/null"], TimeSpan.FromSeconds(10));

        Assert.True(exit == 0, error);
        Assert.Equal("character special file", type.Trim());
        Assert.False(File.Exists("/dev/null.partial"));
    }

    [Fact]
    public async Task Dash_WritesToStandardOutput()
    {
        var (exit, output, error) = await ExternalProgram.RunAsync("dotnet", [Cli, "export", Path.Combine(_directory, "one.json"), "--out", "-", "-f", "json"], TimeSpan.FromMinutes(2));

        Assert.True(exit == 0, error);
        Assert.StartsWith("{", output.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("\"schemaVersion\"", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "-")));
    }

    [Theory]
    [InlineData("INT", "-f pdf --out {out}/")]
    [InlineData("TERM", "-f pdf --zip --out {out}/all.zip")]
    [InlineData("INT", "-f html --out {out}/")]
    public async Task SignalDuringALongExport_LeavesNothingHalfWritten(string signal, string options)
    {
        var input = Path.Combine(_directory, "long.json");
        ChatGptExportGenerator.Write(input, conversations: 3, messages: 4000);
        var output = Path.Combine(_directory, "out");
        var temp = Directory.CreateDirectory(Path.Combine(_directory, "tmp")).FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { Cli, "export", input }.Concat(options.Replace("{out}", output, StringComparison.Ordinal).Split(' ')))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TMPDIR"] = temp;
        start.Environment["DOTNET_EnableDiagnostics"] = "0"; // no diagnostics socket in TMPDIR: what is there is the export's
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);

        // Signal once the export is under way: its spool, ZIP buffer or .partial file exists.
        var begun = Stopwatch.StartNew();
        bool UnderWay() => Directory.EnumerateFileSystemEntries(temp).Any() || (Directory.Exists(output) && Directory.EnumerateFiles(output, "*", new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = true }).Any());
        while (!UnderWay() && begun.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await ExternalProgram.RunAsync("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        // Cancelled (1), or ended by the signal once the command had cleaned up (128 + signal: SIGTERM ends through ProcessExit).
        var error = await stderr;
        Assert.True(process.ExitCode is 1 or 130 or 143, $"exit {process.ExitCode}: {error}");
        Assert.True(!Directory.EnumerateFileSystemEntries(temp).Any(), $"left in the temp folder: {string.Join(", ", Directory.EnumerateFileSystemEntries(temp))}; {error}");
        Assert.Empty(Directory.Exists(output) ? Directory.EnumerateFiles(output, "*", new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = true }).Where(static f => f.EndsWith(".partial", StringComparison.Ordinal) || f.EndsWith(".zip", StringComparison.Ordinal)) : []);
    }
}
