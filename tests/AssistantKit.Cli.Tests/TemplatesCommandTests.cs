using AssistantKit.TestUtils;

namespace AssistantKit.Cli.Tests;

public sealed class TemplatesCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ak-cli-templates-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        await ExternalProgram.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "AssistantKit.Cli.dll"), "templates", .. arguments], TimeSpan.FromMinutes(2));

    [Fact]
    public async Task ListAndSearch_InGerman()
    {
        var (listExit, list, _) = await RunAsync("list", "--culture", "de");
        var (searchExit, search, _) = await RunAsync("search", "ubersetzung", "--culture", "de");

        Assert.Equal((0, 0), (listExit, searchExit));
        Assert.Contains("Kundenservice-Agent", list, StringComparison.Ordinal);
        Assert.Contains("language-tutor", search.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_FillsVariablesAndReportsMissingOnes()
    {
        var (exit, output, _) = await RunAsync("render", "customer-support-agent", "--var", "company_name=Contoso");
        var (missingExit, _, error) = await RunAsync("render", "customer-support-agent");

        Assert.Equal(0, exit);
        Assert.Contains("You are Contoso's customer support agent", output, StringComparison.Ordinal);
        Assert.Equal(2, missingExit);
        Assert.Contains("required variable 'company_name' has no value", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateExportImport_RoundTripIntoAStore()
    {
        var pack = Path.Combine(_directory, "pack.json");
        var bad = Path.Combine(_directory, "bad.json");
        var store = Path.Combine(_directory, "store");
        await File.WriteAllTextAsync(bad, """{"schemaVersion": 1, "templates": [{"id": "Bad", "name": "x", "temperature": 7}]}""", TestContext.Current.CancellationToken);

        var (exportExit, _, _) = await RunAsync("export", "--out", pack, "--id", "technical-expert");
        var (validExit, valid, _) = await RunAsync("validate", pack);
        var (badExit, _, badError) = await RunAsync("validate", bad);
        var (importExit, imported, _) = await RunAsync("import", pack, "--store", store, "--user", "ada");
        var (againExit, again, _) = await RunAsync("import", pack, "--store", store, "--user", "ada");

        Assert.Equal((0, 0, 2, 0, 0), (exportExit, validExit, badExit, importExit, againExit));
        Assert.Contains("valid: 1 template (technical-expert)", valid, StringComparison.Ordinal);
        Assert.Contains("$.templates[0].temperature: temperature must be a number from 0 to 2. [range]", badError, StringComparison.Ordinal);
        Assert.Contains("imported technical-expert as version 1", imported, StringComparison.Ordinal);
        Assert.Contains("imported technical-expert as version 2", again, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(store, "technical-expert", "v000002.json")));
    }
}
