using System.Diagnostics;
using Npgsql;

namespace AssistantKit.TestUtils;

/// <summary>
/// A throwaway PostgreSQL cluster on a free loopback port (Debian's postgresql: initdb, then postgres in the
/// foreground), run as the <c>postgres</c> account when the tests run as root (initdb refuses root). Without
/// durability settings: nothing here must survive a crash. Each test takes a database of its own.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Process _process;

    private PostgresServer(string directory, int port, Process process)
    {
        _directory = directory;
        Port = port;
        _process = process;
    }

    public int Port { get; }

    /// <summary>Starts a cluster; skips the test (fails under CI) when PostgreSQL is not installed.</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        var bin = (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
            .Select(static d => Path.Combine(d, "bin")).OrderDescending(StringComparer.Ordinal).FirstOrDefault(static d => File.Exists(Path.Combine(d, "initdb")));
        ExternalProgram.RequireFile(Path.Combine(bin ?? "/usr/lib/postgresql/15/bin", "initdb"), "postgresql");
        var directory = Directory.CreateTempSubdirectory("ak-pg-").FullName;
        var root = Environment.UserName == "root";
        if (root)
        {
            await RunAsync("chown", ["postgres", directory]);
        }

        var data = Path.Combine(directory, "data");
        await RunAsync(AsPostgres(root, Path.Combine(bin!, "initdb")), [.. AsPostgresArguments(root, Path.Combine(bin!, "initdb")), "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
        var port = RealtimeTestServer.FreePort();
        var start = new ProcessStartInfo(AsPostgres(root, Path.Combine(bin!, "postgres"))) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])[.. AsPostgresArguments(root, Path.Combine(bin!, "postgres")), "-D", data, "-p", $"{port}", "-k", directory,
                     "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PostgresServer(directory, port, process);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
                await connection.OpenAsync();
                return server;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException && DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=10";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        await Bounded.KillAsync(_process, "PostgreSQL");
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string AsPostgres(bool root, string program) => root ? "runuser" : program;

    private static string[] AsPostgresArguments(bool root, string program) => root ? ["-u", "postgres", "--", program] : [];

    private static async Task RunAsync(string program, string[] arguments)
    {
        var (exit, output, error) = await ExternalProgram.RunAsync(program, arguments, TimeSpan.FromMinutes(1));
        if (exit != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({exit}): {output}{error}");
        }
    }
}
