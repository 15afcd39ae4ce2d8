using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using AssistantKit.TestUtils;

namespace AssistantKit.Packaging.Tests;

/// <summary>
/// The tool as <c>dotnet tool install</c> gives it: the native build for this machine, checked against the portable build
/// (IL on the .NET runtime) of the same commit. Native code is compiled ahead of time and trimmed, so what reflection,
/// trimming or globalization could change shows up here as a difference between the two.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed partial class ToolPackageTests(PackagingFixture fixture)
{
    private static readonly string[] Formats = ["json", "markdown", "txt", "csv", "html", "pdf"];

    [Fact]
    public async Task ToolInstall_OnThisMachine_GetsTheNativeBuildThatWorksLikeThePortableOne()
    {
        var pdftotext = ExternalProgram.Require("pdftotext", "poppler-utils");
        var work = Directory.CreateTempSubdirectory("ak-tool-").FullName;
        try
        {
            var (installed, log) = await Dotnet.RunAsync(work, "tool", "install", "AssistantKit.Cli", "--version", fixture.Version, "--tool-path", Path.Combine(work, "tools"), "--add-source", fixture.PackageDirectory);
            Assert.True(installed == 0, log);
            var native = Path.Combine(work, "tools", "assistantkit");
            var target = new FileInfo(native).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? native;
            Assert.Contains($"assistantkit.cli.{PackagingFixture.HostRid}", target, StringComparison.Ordinal); // the native package, not the portable one
            Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(target)!, "AssistantKit.Cli.dll")), "the installed tool is IL, not native code");

            var package = Path.Combine(work, "package");
            ZipFile.ExtractToDirectory(Path.Combine(fixture.PackageDirectory, $"AssistantKit.Cli.any.{fixture.Version}.nupkg"), package);
            var portable = Path.Combine(package, "tools", "net10.0", "any", "AssistantKit.Cli.dll");

            var sample = Path.Combine(fixture.RepositoryRoot, "samples", "data", "chatgpt-export.json");
            var broken = Path.Combine(work, "broken.json");
            await File.WriteAllTextAsync(broken, "{\"mapping\": ", TestContext.Current.CancellationToken);
            string[][] commands =
            [
                ["formats"],
                ["templates", "list"],
                ["templates", "list", "--culture", "de"],
                ["export", broken, "--format", "pdf", "--out", Path.Combine("{0}", "broken") + "/"],
                .. Formats.Select(format => new[] { "export", sample, "--format", format, "--out", Path.Combine("{0}", format) + "/" }),
                ["export", sample, "--format", "markdown", "--zip", "--out", Path.Combine("{0}", "all.zip")],
            ];
            foreach (var command in commands)
            {
                var nativeRun = await Dotnet.RunProgramAsync(native, work, [.. command.Select(a => string.Format(null, a, "native"))]);
                var portableRun = await Dotnet.RunProgramAsync("dotnet", work, [portable, .. command.Select(a => string.Format(null, a, "portable"))]);
                var what = string.Join(' ', command);
                Assert.True(nativeRun.ExitCode == portableRun.ExitCode, $"{what}: exit {nativeRun.ExitCode} native, {portableRun.ExitCode} portable\n{nativeRun.Output}\n{portableRun.Output}");
                Assert.Equal(Normalize(portableRun.Output.Replace("portable", "native", StringComparison.Ordinal)), Normalize(nativeRun.Output));
            }

            var files = Directory.GetFiles(Path.Combine(work, "native"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(work, "native"), f)).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(2 * Formats.Length + 1, files.Length); // two conversations per format and the ZIP; nothing from the broken file
            foreach (var file in files)
            {
                Assert.Equal(await ContentAsync(Path.Combine(work, "portable", file), pdftotext), await ContentAsync(Path.Combine(work, "native", file), pdftotext));
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>What a file says, with the export time and durations blanked: PDF as pdftotext reads it, ZIP entry by entry.</summary>
    private static async Task<string> ContentAsync(string path, string pdftotext)
    {
        switch (Path.GetExtension(path))
        {
            case ".pdf":
                var (exit, text, error) = await ExternalProgram.RunAsync(pdftotext, [path, "-"], TimeSpan.FromMinutes(1));
                Assert.True(exit == 0, error);
                return Normalize(text);
            case ".zip":
                using (var zip = ZipFile.OpenRead(path))
                {
                    var all = new StringBuilder();
                    foreach (var entry in zip.Entries)
                    {
                        using var reader = new StreamReader(entry.Open());
                        all.Append(entry.FullName).Append('\n').Append(await reader.ReadToEndAsync());
                    }

                    return Normalize(all.ToString());
                }

            default:
                return Normalize(await File.ReadAllTextAsync(path));
        }
    }

    private static string Normalize(string text) => Digits().Replace(text, "0");

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
