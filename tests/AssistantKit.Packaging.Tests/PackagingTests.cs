using System.Diagnostics;
using System.IO.Compression;
using System.Text;

namespace AssistantKit.Packaging.Tests;

/// <summary>Packs every src/ package once (Release, unique version) and checks the packages as NuGet users get them.</summary>
public sealed class PackagingFixture : IAsyncLifetime
{
    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public string PackageDirectory { get; } = Directory.CreateTempSubdirectory("ak-packages-").FullName;

    public string Version { get; } = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    /// <summary>Every project under src/ (src/Shared holds source compiled into packages, not a package).</summary>
    public string[] Projects => Directory.GetFiles(Path.Combine(RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension).Select(static n => n!).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Gets the runtime identifier of this machine (linux-x64 in CI), the one native tool package built here.</summary>
    public static string HostRid => System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;

    /// <summary>Gets the tool's package files besides its pointer package: native for this machine, portable for the rest.</summary>
    public string[] ToolRidPackages => [$"AssistantKit.Cli.{HostRid}.{Version}.nupkg", $"AssistantKit.Cli.any.{Version}.nupkg"];

    public async ValueTask InitializeAsync()
    {
        // As a release does it (docs/contributing.md): every package, then the tool once per platform it ships native
        // for (this machine's only; the others are packed on their own machines) and once as portable IL.
        string cli = Path.Combine(RepositoryRoot, "src", "AssistantKit.Cli");
        string[][] packs =
        [
            [Path.Combine(RepositoryRoot, "AssistantKit.sln")],
            [cli, "-r", HostRid],
            [cli, "-r", "any", "-p:PublishAot=false"],
        ];
        foreach (var pack in packs)
        {
            var (exit, output) = await Dotnet.RunAsync(RepositoryRoot, ["pack", .. pack, "-c", "Release", "-o", PackageDirectory, $"-p:Version={Version}"]);
            Assert.True(exit == 0, $"dotnet pack {string.Join(' ', pack)} failed:\n{output}");
        }
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(PackageDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AssistantKit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("AssistantKit.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>One packing for every test class here: two fixtures would pack the same projects at once.</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackagingFixture>
{
    public const string Name = "Packages";
}

[Collection(PackagesCollection.Name)]
public sealed class PackagingTests(PackagingFixture fixture)
{
    [Fact]
    public void Pack_EverySourceProject_HasPackageAndSymbols()
    {
        foreach (var project in fixture.Projects)
        {
            Assert.True(File.Exists(Path.Combine(fixture.PackageDirectory, $"{project}.{fixture.Version}.nupkg")), $"{project}.nupkg missing");
            Assert.True(File.Exists(Path.Combine(fixture.PackageDirectory, $"{project}.{fixture.Version}.snupkg")), $"{project}.snupkg missing");
        }

        Assert.All(fixture.ToolRidPackages, name => Assert.True(File.Exists(Path.Combine(fixture.PackageDirectory, name)), $"{name} missing"));
        Assert.Equal(fixture.Projects.Length + fixture.ToolRidPackages.Length, Directory.GetFiles(fixture.PackageDirectory, "*.nupkg").Length);
    }

    [Fact]
    public void Pack_EveryPackage_CarriesIconReadmeLicenceAndDocs()
    {
        foreach (var project in fixture.Projects)
        {
            using var package = ZipFile.OpenRead(Path.Combine(fixture.PackageDirectory, $"{project}.{fixture.Version}.nupkg"));
            var names = package.Entries.Select(static e => e.FullName).ToHashSet();
            Assert.Contains("icon.png", names);
            Assert.Contains("README.md", names);
            if (project == "AssistantKit.Cli")
            {
                // A dotnet tool whose package points at one package per platform.
                using var settings = new StreamReader(package.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open());
                var tool = settings.ReadToEnd();
                Assert.Contains($"RuntimeIdentifier=\"{PackagingFixture.HostRid}\" Id=\"AssistantKit.Cli.{PackagingFixture.HostRid}\"", tool, StringComparison.Ordinal);
                Assert.Contains("RuntimeIdentifier=\"any\" Id=\"AssistantKit.Cli.any\"", tool, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains($"lib/net10.0/{project}.dll", names);
                Assert.Contains($"lib/net10.0/{project}.xml", names);
            }

            using var nuspec = new StreamReader(package.Entries.Single(static e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            var xml = nuspec.ReadToEnd();
            Assert.Contains("<license type=\"expression\">MIT</license>", xml, StringComparison.Ordinal);
            Assert.Contains("<icon>icon.png</icon>", xml, StringComparison.Ordinal);
            Assert.Contains("<readme>README.md</readme>", xml, StringComparison.Ordinal);
            Assert.Contains("<repository type=\"git\"", xml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AddPackage_IntoNewConsoleApp_BuildsRunsAndResolvesServices()
    {
        var (output, _) = await RunConsumerAsync(["AssistantKit"], """
            using AssistantKit;
            using AssistantKit.Export;
            using AssistantKit.Import;
            using Microsoft.Extensions.DependencyInjection;

            var services = new ServiceCollection();
            services.AddAssistantKit();
            using var provider = services.BuildServiceProvider();
            var exporter = provider.GetRequiredService<IConversationExporter>();
            using var output = new MemoryStream();
            var result = await exporter.ExportAsync(
                new Conversation { Id = "c1", Title = "Hello", Messages = [new ConversationMessage { Id = "m1", Role = MessageRole.User, Content = "Hi" }] },
                new ExportOptions { Format = "markdown" }, output);
            Console.WriteLine($"formats={string.Join(",", exporter.Formats.Order())} file={result.FileName} messages={result.MessagesWritten}");
            using var pdf = new MemoryStream();
            await exporter.ExportAsync(new Conversation { Id = "c1", Title = "Hello", Messages = [new ConversationMessage { Id = "m1", Role = MessageRole.User, Content = "Grüße" }] }, new ExportOptions { Format = "pdf" }, pdf);
            Console.WriteLine($"pdf={System.Text.Encoding.ASCII.GetString(pdf.ToArray(), 0, 5)} bytes={pdf.Length}");
            Console.WriteLine($"reader={provider.GetRequiredService<IConversationReader>() is not null}");
            """);

        Assert.Contains("formats=csv,html,json,markdown,pdf,txt file=Hello", output, StringComparison.Ordinal);
        Assert.Contains("pdf=%PDF-", output, StringComparison.Ordinal); // SkiaSharp's native library came with the package
        Assert.Contains("messages=1", output, StringComparison.Ordinal);
        Assert.Contains("reader=True", output, StringComparison.Ordinal); // the umbrella brings import
    }

    [Fact]
    public async Task AddImportPackageAlone_IntoNewConsoleApp_ReadsAnExportWithoutExportDependencies()
    {
        var (output, assets) = await RunConsumerAsync(["AssistantKit.Import"], """
            using AssistantKit;
            using AssistantKit.Import;
            using Microsoft.Extensions.DependencyInjection;

            var services = new ServiceCollection();
            services.AddAssistantKitCore().AddImport();
            using var provider = services.BuildServiceProvider();
            var reader = provider.GetRequiredService<IConversationReader>();
            var json = "[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello\"}]"u8.ToArray();
            await foreach (var item in reader.ReadAsync(new MemoryStream(json), "messages.json"))
            {
                Console.WriteLine($"format={item.Format} messages={item.Conversation.Messages.Count}");
            }
            """);

        Assert.Contains("format=openai messages=2", output, StringComparison.Ordinal);
        // A host that only imports does not pull the export stack.
        Assert.DoesNotContain("CsvHelper", assets, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Markdig", assets, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AssistantKit.Export", assets, StringComparison.Ordinal);
    }

    /// <summary>Creates a fresh console app that adds <paramref name="packages"/> from the local feed, runs it and returns
    /// its output and its resolved dependency graph (obj/project.assets.json).</summary>
    private async Task<(string Output, string Assets)> RunConsumerAsync(string[] packages, string program)
    {
        var app = Directory.CreateTempSubdirectory("ak-consumer-").FullName;
        try
        {
            // A nuget.config of its own: the fresh packages first, the usual registry for their dependencies.
            await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{fixture.PackageDirectory}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                </configuration>
                """, TestContext.Current.CancellationToken);
            await Expect(app, "new", "console", "--name", "Consumer", "--output", app, "--force");
            foreach (var package in packages)
            {
                await Expect(app, "add", "package", package, "--version", fixture.Version);
            }

            await Expect(app, "add", "package", "Microsoft.Extensions.DependencyInjection", "--version", "10.0.0");
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), program, TestContext.Current.CancellationToken);
            var output = await Expect(app, "run", "--project", app);
            var assets = await File.ReadAllTextAsync(Path.Combine(app, "obj", "project.assets.json"), TestContext.Current.CancellationToken);
            return (output, assets);
        }
        finally
        {
            Directory.Delete(app, recursive: true);
        }
    }

    private static async Task<string> Expect(string directory, params string[] arguments)
    {
        var (exit, output) = await Dotnet.RunAsync(directory, arguments);
        Assert.True(exit == 0, $"dotnet {string.Join(' ', arguments)} failed ({exit}):\n{output}");
        return output;
    }
}

internal static class Dotnet
{
    public static Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] arguments) => RunProgramAsync("dotnet", workingDirectory, arguments);

    /// <summary>Runs <paramref name="program"/> to completion (8 minutes at most); returns its exit code and its standard
    /// output followed by its standard error.</summary>
    public static async Task<(int ExitCode, string Output)> RunProgramAsync(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }
}
