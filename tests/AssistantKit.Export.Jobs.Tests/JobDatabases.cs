using AssistantKit.TestUtils;

namespace AssistantKit.Export.Jobs.Tests;

/// <summary>One PostgreSQL cluster for the test class (a database per test) and SQLite files in a temporary folder.</summary>
public sealed class JobDatabases : IAsyncLifetime
{
    private readonly Lazy<Task<PostgresServer>> _server = new(PostgresServer.StartAsync);
    private readonly string _folder = Directory.CreateTempSubdirectory("ak-jobs-").FullName;

    public static TheoryData<string> Kinds => ["sqlite", "postgres"];

    public Task<PostgresServer> PostgresAsync() => _server.Value;

    /// <summary>A new, empty database of the kind: a connection string, or a SQLite file path.</summary>
    public async Task<string> CreateAsync(string kind) =>
        kind == "sqlite" ? Path.Combine(_folder, $"{Guid.NewGuid():N}.db") : await (await _server.Value).CreateDatabaseAsync();

    /// <summary>A new, empty folder for results.</summary>
    public string Folder() => Directory.CreateDirectory(Path.Combine(_folder, Guid.NewGuid().ToString("N"))).FullName;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server.IsValueCreated)
        {
            await (await _server.Value).DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
