using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using AssistantKit.TestUtils;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AssistantKit.Realtime.Tests.Client;

/// <summary>
/// The client against a real WebSocket server (Kestrel on 127.0.0.1) that sends garbage: binary frames, frames that are
/// not JSON, control frames with data of the wrong kind, a negative seq, a resume for another epoch, an oversized frame,
/// and that never answers pings. The client throws nothing, delivers the valid events in order, and reconnects when
/// the server goes silent.
/// </summary>
public sealed class HostileServerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly string[] Script =
    [
        "binary",
        "not json at all",
        """{"type":"welcome","data":5}""",
        """{"type":"welcome","data":{"epoch":"e1","seq":-5}}""",
        """{"type":"welcome","data":{"epoch":"\ud800","seq":"x"}}""",
        """{"type":"resumed","data":{"epoch":"another-epoch","seq":99}}""",
        """{"type":"error","data":[1,2,3]}""",
        "oversized",
        """{"type":"activity","seq":1,"data":{"n":1}}""",
        """{"type":"activity","seq":{"x":1},"data":{"n":"not a number"}}""",
        """{"type":5,"seq":2,"data":{"n":99}}""",
        """{"type":"activity","seq":2,"data":{"n":2}}""",
    ];

    [Fact]
    public async Task GarbageFromTheServer_IsIgnored_ValidEventsArrive_SilenceMeansReconnect()
    {
        var connections = 0;
        await using var server = await RealtimeTestServer.StartAsync(configureApp: app => app.Map("/hostile", async context =>
        {
            Interlocked.Increment(ref connections);
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            foreach (var frame in Script)
            {
                var (bytes, type) = frame switch
                {
                    "binary" => (new byte[] { 0xFF, 0x00, 0x7B }, WebSocketMessageType.Binary),
                    "oversized" => (Encoding.UTF8.GetBytes("{\"type\":\"activity\",\"seq\":1,\"data\":\"" + new string('x', 64 * 1024) + "\"}"), WebSocketMessageType.Text),
                    _ => (Encoding.UTF8.GetBytes(frame.Replace("\ud800", "\\ud800", StringComparison.Ordinal)), WebSocketMessageType.Text),
                };
                await socket.SendAsync(bytes, type, endOfMessage: true, context.RequestAborted);
            }

            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(static _ => { }, TaskScheduler.Default); // never answers a ping
        }));
        var unobserved = new ConcurrentQueue<Exception>();
        TaskScheduler.UnobservedTaskException += (_, e) => unobserved.Enqueue(e.Exception);
        await using var client = new RealtimeClient(new RealtimeClientOptions
        {
            Uri = new Uri($"ws://127.0.0.1:{server.Port}/hostile"),
            MaxMessageBytes = 16 * 1024,
            HeartbeatInterval = TimeSpan.FromMilliseconds(300),
            HeartbeatTimeout = TimeSpan.FromMilliseconds(300),
            InitialReconnectDelay = TimeSpan.FromMilliseconds(50),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
        });
        var numbers = new ConcurrentQueue<string>();
        var states = new ConcurrentQueue<RealtimeConnectionState>();
        client.StateChanged += (_, e) => states.Enqueue(e.Current);
        client.On(RealtimeEventTypes.Activity, e => numbers.Enqueue(e.Data.GetProperty("n").ToString()));

        await client.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);
        await Eventually.Until(() => numbers.Contains("2") && Volatile.Read(ref connections) >= 2, TimeSpan.FromSeconds(20));

        Assert.Equal(["1", "not a number", "2"], numbers.Take(3));
        Assert.Contains(RealtimeConnectionState.Reconnecting, states);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Empty(unobserved);
    }
}
