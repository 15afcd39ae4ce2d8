using AssistantKit.TestUtils;

namespace AssistantKit.Samples.Dashboard.Tests;

/// <summary>The console tour runs as a user runs it, as a process, and leaves the files it promises.</summary>
public sealed class ConsoleTourTests
{
    [Fact]
    public async Task ConsoleTour_ExportsEveryFormat_RendersATemplate_PrintsLiveEvents_ExitsZero()
    {
        var directory = Directory.CreateTempSubdirectory("ak-tour-").FullName;
        try
        {
            var tour = Path.Combine(AppContext.BaseDirectory, "AssistantKit.Samples.Console.dll");
            var (exit, output, error) = await ExternalProgram.RunAsync("dotnet", [tour, directory], TimeSpan.FromMinutes(2));

            Assert.True(exit == 0, error);
            foreach (var extension in new[] { "json", "pdf", "md", "txt", "csv", "html" })
            {
                Assert.Single(Directory.GetFiles(directory, $"*.{extension}"));
            }

            Assert.True(File.Exists(Path.Combine(directory, "batch.zip")));
            Assert.Equal("%PDF-"u8.ToArray(), File.ReadAllBytes(Directory.GetFiles(directory, "*.pdf")[0])[..5]);
            Assert.Contains("Kundenservice-Agent", output, StringComparison.Ordinal);
            Assert.Contains("You are Contoso's customer support agent", output, StringComparison.Ordinal);
            Assert.Equal(3, output.Split('\n').Count(l => l.TrimStart().StartsWith("live:", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
