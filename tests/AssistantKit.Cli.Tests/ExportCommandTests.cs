using System.IO.Compression;
using System.Text.Json;
using AssistantKit.Serialization;
using AssistantKit.TestUtils;

namespace AssistantKit.Cli.Tests;

/// <summary>Runs the real tool (assistantkit.dll) as a process, as a user would, and checks files, stdout, stderr and exit codes.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ak-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        await ExternalProgram.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "AssistantKit.Cli.dll"), .. arguments], TimeSpan.FromMinutes(2));

    [Fact]
    public async Task Export_ChatGptToHtmlDirectory_WritesOneFileEach()
    {
        var output = Path.Combine(_directory, "out") + Path.DirectorySeparatorChar;

        var (exit, stdout, stderr) = await RunAsync("export", Fixture("chatgpt-export.json"), "--format", "html", "--out", output);

        Assert.True(exit == 0, stderr);
        var files = Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["Conversation 1. Web Search 2024-01-07.html", "Conversation 2 2023-10-15.html"], files);
        Assert.Contains("2 converted, 0 failed", stdout, StringComparison.Ordinal);
        Assert.Contains("wrote ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_SingleConversationToFile_UsesThatPath()
    {
        var output = Path.Combine(_directory, "chat.csv");

        var (exit, _, stderr) = await RunAsync("export", Fixture("librechat-export.json"), "-f", "csv", "-o", output, "--metadata", "--time-zone", "Europe/Berlin");

        Assert.True(exit == 0, stderr);
        var lines = await File.ReadAllLinesAsync(output, TestContext.Current.CancellationToken);
        Assert.StartsWith("conversation_id,", lines[0], StringComparison.Ordinal);
        Assert.Contains("2024-04-09T16:32:05.23+02:00", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_PartialFailure_ExitsOneAndNamesTheBadConversation()
    {
        var (exit, _, stderr) = await RunAsync("export", Fixture("chatgpt-modern-export.json"), "--format", "json", "--out", _directory);

        Assert.Equal(1, exit);
        Assert.Contains("chatgpt-modern-export.json, conversation 1, at $[1].mapping", stderr, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(_directory, "*.json").Length);
        foreach (var file in Directory.GetFiles(_directory, "*.json"))
        {
            Assert.NotEmpty((await ConversationJson.ReadFileAsync(file, TestContext.Current.CancellationToken)).Messages);
        }
    }

    [Fact]
    public async Task Export_Zip_WritesArchiveWithManifest()
    {
        var output = Path.Combine(_directory, "all.zip");

        var (exit, _, stderr) = await RunAsync("export", Fixture("openwebui-export.json"), Fixture("librechat-export.json"), "--format", "markdown", "--zip", "--out", output, "--culture", "de");

        Assert.True(exit == 0, stderr);
        using var archive = ZipFile.OpenRead(output);
        Assert.Equal(5, archive.Entries.Count);
        using var manifest = JsonDocument.Parse(archive.GetEntry("manifest.json")!.Open());
        Assert.Equal(4, manifest.RootElement.GetProperty("succeeded").GetInt32());
        Assert.False(File.Exists(output + ".partial"));
    }

    [Fact]
    public async Task Export_FiltersAndDates_AreApplied()
    {
        var output = Path.Combine(_directory, "user.json");

        var (exit, _, stderr) = await RunAsync("export", Fixture("librechat-export.json"), "--filter", "User", "--from", "2024-04-09T14:32:05.240Z", "--to", "2024-04-09", "--out", output);

        Assert.True(exit == 0, stderr);
        var conversation = await ConversationJson.ReadFileAsync(output, TestContext.Current.CancellationToken);
        Assert.Equal(["What about 10 year old model", "Is it for fully loaded    car?"], conversation.Messages.Select(static m => m.Content));
    }

    [Theory]
    [InlineData("--format", "docx")]
    [InlineData("--from", "yesterday")]
    [InlineData("--time-zone", "Mars/Olympus")]
    [InlineData("--filter", "Robots")]
    public async Task Export_BadUsage_ExitsTwo(string option, string value)
    {
        var (exit, _, stderr) = await RunAsync("export", Fixture("librechat-export.json"), "--out", Path.Combine(_directory, "x.json"), option, value);

        Assert.Equal(2, exit);
        Assert.StartsWith("error:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_UnreadableInput_ExitsTwoNamingTheFile()
    {
        var notJson = Path.Combine(_directory, "notes.json");
        await File.WriteAllTextAsync(notJson, "just some notes", TestContext.Current.CancellationToken);

        var (exit, _, stderr) = await RunAsync("export", notJson, "--out", Path.Combine(_directory, "out.json"));
        var (missingExit, _, missingError) = await RunAsync("export", Path.Combine(_directory, "missing.json"), "--out", Path.Combine(_directory, "out.json"));

        Assert.Equal(2, exit);
        Assert.Contains("notes.json", stderr, StringComparison.Ordinal);
        Assert.Equal(2, missingExit);
        Assert.Contains("missing.json: no such file or directory", missingError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Formats_ListsExportAndImportFormats()
    {
        var (exit, stdout, _) = await RunAsync("formats");

        Assert.Equal(0, exit);
        foreach (var name in new[] { "csv", "html", "json", "markdown", "txt", "chatgpt", "claude", "librechat", "openwebui", "openai", "anthropic", "meai", "assistantkit" })
        {
            Assert.Contains(name, stdout, StringComparison.Ordinal);
        }
    }
}
