using System.Diagnostics;
using System.Net.Sockets;

namespace AssistantKit.TestUtils;

/// <summary>A real redis-server on a free loopback port, without persistence (a restart loses everything, as an outage can).</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _path;
    private Process? _process;

    private RedisServer(string path, int port)
    {
        _path = path;
        Port = port;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port},connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000";

    /// <summary>Starts redis-server; skips the test (fails under CI) when it is not installed.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(ExternalProgram.Require("redis-server", "redis-server"), RealtimeTestServer.FreePort());
        await server.StartProcessAsync();
        return server;
    }

    public void Kill()
    {
        _process?.Kill();
        if (_process is not null && !_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("redis-server did not exit within 30 s of being killed.");
        }

        _process?.Dispose();
        _process = null;
    }

    public Task RestartAsync()
    {
        Kill();
        return StartProcessAsync();
    }

    private async Task StartProcessAsync()
    {
        _process = Process.Start(new ProcessStartInfo(_path, ["--port", $"{Port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }
}
