using System.Buffers.Text;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace AssistantKit.Benchmarks;

/// <summary>
/// A raw WebSocket client for load comparisons: records, for each event in each message, the latency from the scheduled
/// publish time the payload carries (<c>"t":</c>, a <see cref="Stopwatch"/> timestamp, which is the same clock in every
/// process of the machine), and counts messages, resets and how the connection ended.
/// </summary>
internal sealed class LoadReceiver
{
    private static readonly byte[] Marker = "\"t\":"u8.ToArray();
    private static readonly byte[] ResetType = "\"type\":\"reset\""u8.ToArray();
    private readonly ClientWebSocket _socket = new();
    private long _measured;

    public List<double> Latencies { get; } = [];

    public long Measured => Volatile.Read(ref _measured);

    /// <summary>Gets how many messages carried measured events (not warm-up ones).</summary>
    public long Messages { get; private set; }

    public int Resets { get; private set; }

    public bool Closed { get; private set; }

    public int? CloseCode { get; private set; }

    /// <summary>Connects; <paramref name="handshake"/> is sent first (SignalR's), <paramref name="subProtocol"/> offered.</summary>
    public static async Task<LoadReceiver> ConnectAsync(Uri uri, string? handshake, string? subProtocol = null)
    {
        var receiver = new LoadReceiver();
        if (subProtocol is not null)
        {
            receiver._socket.Options.AddSubProtocol(subProtocol);
        }

        await receiver._socket.ConnectAsync(uri, default);
        if (handshake is not null)
        {
            await receiver._socket.SendAsync(Encoding.UTF8.GetBytes(handshake), WebSocketMessageType.Text, true, default);
        }

        _ = Task.Run(receiver.ReceiveAsync);
        return receiver;
    }

    public void Abort() => _socket.Abort();

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1024 * 1024];
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), default);
                    count += result.Count;
                }
                while (!result.EndOfMessage && count < buffer.Length);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    (Closed, CloseCode) = (true, (int?)_socket.CloseStatus);
                    return;
                }

                var now = Stopwatch.GetTimestamp();
                var message = buffer.AsSpan(0, count);
                var before = _measured;
                if (message.IndexOf(ResetType) >= 0)
                {
                    Resets++;
                }

                for (var at = message.IndexOf(Marker); at >= 0; at = message.IndexOf(Marker))
                {
                    message = message[(at + Marker.Length)..];
                    if (Utf8Parser.TryParse(message, out long due, out _) && due > 0)
                    {
                        Latencies.Add(Stopwatch.GetElapsedTime(due, now).TotalMilliseconds);
                        Interlocked.Increment(ref _measured);
                    }
                }

                if (_measured > before)
                {
                    Messages++;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            Closed = true;
        }
    }
}
