using System.Net;
using System.Net.Sockets;

namespace AssistantKit.TestUtils;

/// <summary>
/// A loopback TCP proxy for network chaos: <see cref="KillAll"/> resets every connection (as a dropped network does),
/// <see cref="Freeze"/> stops forwarding without closing (a half-open connection or a stalled peer).
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(Socket Client, Socket Upstream)> _pairs = [];
    private readonly Lock _gate = new();
    private volatile TaskCompletionSource _thawed = Thawed();
    private readonly int? _receiveBuffer;

    public TcpProxy(int upstreamPort, int? upstreamReceiveBuffer = null)
    {
        UpstreamPort = upstreamPort;
        _receiveBuffer = upstreamReceiveBuffer;
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>Gets or sets where new connections go (existing ones stay).</summary>
    public int UpstreamPort { get; set; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri RealtimeUri => new($"ws://127.0.0.1:{Port}/realtime");

    public int Connections
    {
        get
        {
            lock (_gate)
            {
                return _pairs.Count;
            }
        }
    }

    /// <summary>Stops forwarding in both directions; connections stay open.</summary>
    public void Freeze() => _thawed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Thaw() => _thawed.TrySetResult();

    /// <summary>Resets every open connection.</summary>
    public void KillAll()
    {
        lock (_gate)
        {
            foreach (var (client, upstream) in _pairs)
            {
                try
                {
                    client.LingerState = new LingerOption(true, 0); // close with a reset, as a dropped network does
                }
                catch (ObjectDisposedException)
                {
                    // A pump closed it a moment ago.
                }

                client.Close();
                upstream.Close();
            }

            _pairs.Clear();
        }
    }

    private static TaskCompletionSource Thawed()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tcs.SetResult();
        return tcs;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            if (_receiveBuffer is { } size)
            {
                upstream.ReceiveBufferSize = size;
            }

            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, UpstreamPort);
            }
            catch (SocketException)
            {
                client.Close();
                upstream.Dispose();
                continue;
            }

            lock (_gate)
            {
                _pairs.Add((client, upstream));
            }

            _ = PumpAsync(client, upstream);
            _ = PumpAsync(upstream, client);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                await _thawed.Task;
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await _thawed.Task;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception)
        {
            from.Close();
            to.Close();
        }
        finally
        {
            lock (_gate)
            {
                _pairs.RemoveAll(p => p.Client == from || p.Client == to);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        KillAll();
        return ValueTask.CompletedTask;
    }
}
