using System.Net;
using System.Net.WebSockets;
using System.Text;
using AssistantKit.TestUtils;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AssistantKit.Realtime.AspNetCore.Tests;

public sealed class EndpointTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MinimalClient_NeverSends_ReceivesTypeDataTimestamp()
    {
        await using var server = await RealtimeTestServer.StartAsync();
        await using var socket = await RawRealtimeSocket.ConnectAsync(server.Uri);
        var welcome = await socket.ReceiveAsync(WireFormatNames.Welcome);
        Assert.Equal(30_000, welcome.GetProperty("data").GetProperty("heartbeatInterval").GetInt64());

        await server.PublishNumbersAsync(1, start: 42);
        var message = await socket.ReceiveAsync(RealtimeEventTypes.Activity);
        Assert.Equal(42, message.GetProperty("data").GetProperty("n").GetInt32());
        Assert.True(DateTimeOffset.TryParse(message.GetProperty("timestamp").GetString(), out _));
        Assert.Equal(1, message.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task HostStopping_ClosesConnectionsWithGoingAway_Promptly()
    {
        var server = await RealtimeTestServer.StartAsync();
        await using var socket = await RawRealtimeSocket.ConnectAsync(server.Uri);
        await socket.ReceiveAsync(WireFormatNames.Welcome);

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var stopping = server.DisposeAsync().AsTask();
        Assert.Equal(RealtimeCloseCodes.GoingAway, await socket.ReceiveCloseAsync());
        await stopping;
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Connect_NoToken_Gets401()
    {
        await using var server = await RealtimeTestServer.StartAsync(requireAuthorization: true);
        var error = await Assert.ThrowsAsync<WebSocketException>(() => RawRealtimeSocket.ConnectAsync(server.Uri, o => o.CollectHttpResponseDetails = true));
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_AccessTokenInQuery_AuthenticatesAndIsRemovedFromTheQuery()
    {
        string? seenQuery = null;
        await using var server = await RealtimeTestServer.StartAsync(requireAuthorization: true, configureApp: app => app.Use((context, next) =>
        {
            seenQuery = context.Request.QueryString.Value;
            return next(context);
        }));
        var uri = new Uri(server.Uri + "?types=activity&access_token=" + Uri.EscapeDataString(TestAuthHandler.Token("alice")));
        await using var socket = await RawRealtimeSocket.ConnectAsync(uri);
        await socket.ReceiveAsync(WireFormatNames.Welcome);
        Assert.Equal("?types=activity", seenQuery);
    }

    [Fact]
    public async Task Publish_ToUserAndGroup_OnlyThoseConnectionsReceiveIt()
    {
        await using var server = await RealtimeTestServer.StartAsync(requireAuthorization: true);
        RealtimeClient Client(string user, params string[] roles) => server.CreateClient(o => o.AccessTokenProvider = _ => ValueTask.FromResult<string?>(TestAuthHandler.Token(user, roles)));
        await using var alice = Client("alice", "admins");
        await using var bob = Client("bob");
        var aliceGot = new List<int>();
        var bobGot = new List<int>();
        alice.On(RealtimeEventTypes.Notification, e => aliceGot.Add(RealtimeTestServer.Number(e)));
        bob.On(RealtimeEventTypes.Notification, e => bobGot.Add(RealtimeTestServer.Number(e)));
        await Task.WhenAll(alice.ConnectAsync(Token), bob.ConnectAsync(Token)).WaitAsync(TimeSpan.FromSeconds(10), Token);

        await server.PublishNumbersAsync(1, 1, RealtimeEventTypes.Notification, RealtimeAudience.User("alice"));
        await server.PublishNumbersAsync(1, 2, RealtimeEventTypes.Notification, RealtimeAudience.User("bob"));
        await server.PublishNumbersAsync(1, 3, RealtimeEventTypes.Notification, RealtimeAudience.Group("admins"));
        await server.PublishNumbersAsync(1, 4, RealtimeEventTypes.Notification);
        await server.PublishNumbersAsync(1, 5, RealtimeEventTypes.Notification); // sentinel to all: in order, so nothing meant for the other arrives after it
        await Eventually.Until(() => aliceGot.LastOrDefault() == 5 && bobGot.LastOrDefault() == 5);
        Assert.Equal([1, 3, 4, 5], aliceGot);
        Assert.Equal([2, 4, 5], bobGot);
    }

    [Fact]
    public async Task ExportProgress_ReachesOnlyTheJobsOwner_AsATypedPayload()
    {
        await using var server = await RealtimeTestServer.StartAsync(requireAuthorization: true);
        RealtimeClient Client(string user) => server.CreateClient(o => o.AccessTokenProvider = _ => ValueTask.FromResult<string?>(TestAuthHandler.Token(user)));
        await using var ada = Client("ada");
        await using var bob = Client("bob");
        var adaGot = new List<ExportProgress>();
        var bobGot = new List<string>();
        ada.On(RealtimeEventTypes.ExportProgress, e => adaGot.Add(e.AsExportProgress()));
        bob.On(RealtimeEventTypes.ExportProgress, e => bobGot.Add(e.Data.ToString()));
        bob.On(RealtimeEventTypes.Notification, e => bobGot.Add("sentinel"));
        await Task.WhenAll(ada.ConnectAsync(Token), bob.ConnectAsync(Token)).WaitAsync(TimeSpan.FromSeconds(10), Token);

        await server.Publisher.PublishExportProgressAsync(new ExportProgress("job-1", 3, 10, "running"), "ada", Token);
        await server.Publisher.PublishExportProgressAsync(new ExportProgress("job-1", 10, 10, "succeeded"), "ada", Token);
        await server.PublishNumbersAsync(1, 1, RealtimeEventTypes.Notification); // to all, after the others: bob has seen all he will
        await Eventually.Until(() => adaGot.Count == 2 && bobGot.Count == 1);

        Assert.Equal([new ExportProgress("job-1", 3, 10, "running"), new ExportProgress("job-1", 10, 10, "succeeded")], adaGot);
        Assert.Equal(["sentinel"], bobGot);
    }

    [Theory]
    [InlineData("https://evil.example", false)]
    [InlineData("https://app.example", true)]
    public async Task Connect_Origin_CheckedAgainstAllowList(string origin, bool allowed)
    {
        await using var server = await RealtimeTestServer.StartAsync(o => o.AllowedOrigins.Add("https://app.example"));
        var connecting = RawRealtimeSocket.ConnectAsync(server.Uri, o =>
        {
            o.SetRequestHeader("Origin", origin);
            o.CollectHttpResponseDetails = true;
        });
        if (allowed)
        {
            await using var socket = await connecting;
            await socket.ReceiveAsync(WireFormatNames.Welcome);
        }
        else
        {
            var error = await Assert.ThrowsAsync<WebSocketException>(() => connecting);
            Assert.Contains("403", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Connect_CrossSiteOriginWithDefaultSettings_Gets403()
    {
        await using var server = await RealtimeTestServer.StartAsync();
        var error = await Assert.ThrowsAsync<WebSocketException>(() => RawRealtimeSocket.ConnectAsync(server.Uri, o => o.SetRequestHeader("Origin", "https://evil.example")));
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
        await using var same = await RawRealtimeSocket.ConnectAsync(server.Uri, o => o.SetRequestHeader("Origin", $"http://127.0.0.1:{server.Port}"));
        await same.ReceiveAsync(WireFormatNames.Welcome);
    }

    [Fact]
    public async Task Get_NotAWebSocket_Gets400()
    {
        await using var server = await RealtimeTestServer.StartAsync();
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(server.HttpUri, "realtime"), Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        response = await http.GetAsync(new Uri(server.HttpUri, "realtime?lastSeq=abc"), Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("oversized", RealtimeCloseCodes.MessageTooBig)]
    [InlineData("binary", RealtimeCloseCodes.UnsupportedData)]
    [InlineData("flood", RealtimeCloseCodes.RateLimited)]
    [InlineData("garbage", RealtimeCloseCodes.ProtocolViolation)]
    public async Task BadFrames_CloseThatConnection_OthersKeepBeingServed(string attack, int expectedCode)
    {
        await using var server = await RealtimeTestServer.StartAsync(o => o.InboundBurst = 50);
        await using var bystander = await RawRealtimeSocket.ConnectAsync(server.Uri);
        await bystander.ReceiveAsync(WireFormatNames.Welcome);
        await using var attacker = await RawRealtimeSocket.ConnectAsync(server.Uri);
        await attacker.ReceiveAsync(WireFormatNames.Welcome);

        try
        {
            switch (attack)
            {
                case "oversized":
                    await attacker.SendAsync("{\"type\":\"ping\",\"data\":\"" + new string('x', 10_000) + "\"}");
                    break;
                case "binary":
                    await attacker.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, Token);
                    break;
                case "flood":
                    for (var i = 0; i < 200; i++)
                    {
                        await attacker.SendAsync("{\"type\":\"ping\"}");
                    }

                    break;
                default:
                    for (var i = 0; i < 20; i++)
                    {
                        await attacker.SendAsync(i % 2 == 0 ? "{not json" : "[1,2]");
                    }

                    break;
            }
        }
        catch (WebSocketException)
        {
            // The server may close while the attack is still being sent.
        }

        Assert.Equal(expectedCode, await attacker.ReceiveCloseAsync());
        await server.PublishNumbersAsync(1, start: 7);
        var message = await bystander.ReceiveAsync(RealtimeEventTypes.Activity);
        Assert.Equal(7, message.GetProperty("data").GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task ControlMessages_AnsweredAndErrorsReported()
    {
        await using var server = await RealtimeTestServer.StartAsync();
        await using var socket = await RawRealtimeSocket.ConnectAsync(server.Uri);
        var welcome = await socket.ReceiveAsync(WireFormatNames.Welcome);
        var epoch = welcome.GetProperty("data").GetProperty("epoch").GetString();

        await socket.SendAsync("{\"type\":\"ping\",\"data\":{\"t\":5}}");
        Assert.Equal(5, (await socket.ReceiveAsync("pong")).GetProperty("data").GetProperty("t").GetInt32());

        await socket.SendAsync("{\"type\":\"nonsense\"}");
        Assert.Equal("unknown_type", (await socket.ReceiveAsync("error")).GetProperty("data").GetProperty("code").GetString());

        await socket.SendAsync("{\"type\":\"subscribe\",\"data\":{\"types\":[\"notification\"]}}");
        await socket.ReceiveAsync("subscribed");
        await server.PublishNumbersAsync(2, 0);
        await server.PublishNumbersAsync(1, 9, RealtimeEventTypes.Notification);
        var next = await socket.ReceiveAsync();
        Assert.Equal(RealtimeEventTypes.Notification, next!.Value.GetProperty("type").GetString());

        await socket.SendAsync($"{{\"type\":\"resume\",\"data\":{{\"after\":0,\"epoch\":\"{epoch}\"}}}}");
        var resumed = await socket.ReceiveAsync("resumed");
        Assert.Equal(1, resumed.GetProperty("data").GetProperty("replayed").GetInt32());
        Assert.Equal(3, (await socket.ReceiveAsync())!.Value.GetProperty("seq").GetInt64());

        await socket.SendAsync("{\"type\":\"resume\",\"data\":{\"after\":0,\"epoch\":\"other\"}}");
        Assert.Equal("epoch", (await socket.ReceiveAsync("reset")).GetProperty("data").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Heartbeat_ClientStopsAnswering_ServerClosesIt()
    {
        await using var server = await RealtimeTestServer.StartAsync(o => o.HeartbeatInterval = TimeSpan.FromMilliseconds(200));
        await using var socket = await RawRealtimeSocket.ConnectAsync(server.Uri);
        await Eventually.Until(() => server.Hub.ConnectionCount == 1);

        // The socket never receives again, so it never answers the server's pings.
        await Eventually.Until(() => server.Hub.ConnectionCount == 0, TimeSpan.FromSeconds(5));
    }

    /// <summary>Each of the three limits of <see cref="RealtimeServerOptions"/> cuts a client that stopped reading, and only it.</summary>
    [Theory]
    [InlineData("events")]
    [InlineData("bytes")]
    [InlineData("time")]
    public async Task StalledClient_IsCutOff_WhileFiftyOthersGetEverything(string limit)
    {
        const int Events = 20_000;
        await using var server = await RealtimeTestServer.StartAsync(o =>
        {
            (o.ReplayCapacity, o.CloseTimeout) = (Events, TimeSpan.FromSeconds(1));
            switch (limit)
            {
                case "events":
                    o.SendQueueCapacity = 1_000;
                    break;
                case "bytes":
                    o.MaxSendQueueBytes = 256 * 1024;
                    break;
                default:
                    o.MaxSendDelay = TimeSpan.FromMilliseconds(300);
                    break;
            }
        });
        await using var proxy = new TcpProxy(server.Port, upstreamReceiveBuffer: 4096);
        var fast = Enumerable.Range(0, 50).Select(_ => server.CreateClient()).ToArray();
        var counts = new int[fast.Length];
        for (var i = 0; i < fast.Length; i++)
        {
            var index = i;
            fast[i].On(RealtimeEventTypes.Activity, e =>
            {
                Assert.Equal(counts[index], RealtimeTestServer.Number(e));
                counts[index]++;
            });
        }

        await using var stalled = server.CreateClient(uri: proxy.RealtimeUri);
        var stalledGot = new List<int>();
        stalled.On(RealtimeEventTypes.Activity, e => stalledGot.Add(RealtimeTestServer.Number(e)));
        await Task.WhenAll(fast.Select(c => c.ConnectAsync(Token))).WaitAsync(TimeSpan.FromSeconds(20), Token);
        var fastIds = server.Hub.Connections.Select(c => c.Id).ToHashSet();
        await stalled.ConnectAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);
        var stalledConnection = server.Hub.Connections.Single(c => !fastIds.Contains(c.Id));
        proxy.Freeze();

        var payload = new string('x', 200);
        for (var i = 0; i < Events; i++)
        {
            await server.Publisher.PublishAsync(RealtimeEventTypes.Activity, Encoding.UTF8.GetBytes($"{{\"n\":{i},\"pad\":\"{payload}\"}}"), cancellationToken: Token);
        }

        await Eventually.Until(() => counts.All(c => c == Events), TimeSpan.FromSeconds(60));
        Assert.Equal(RealtimeCloseCodes.SlowConsumer, stalledConnection.CloseCode);
        Assert.All(fast, c => Assert.Equal(RealtimeConnectionState.Connected, c.State));

        // Once the network recovers, the cut-off client resumes and misses nothing.
        proxy.KillAll();
        proxy.Thaw();
        await Eventually.Until(() => stalledGot.Count == Events, TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, Events), stalledGot);
        foreach (var client in fast)
        {
            await client.DisposeAsync();
        }
    }
}

public sealed class BatchSubProtocolTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BatchClient_GetsSeveralFramesPerMessage_PlainClientOneEach_AllEveryEventOnceInOrder()
    {
        const int Events = 5_000;
        await using var server = await RealtimeTestServer.StartAsync();
        await using var proxy = new TcpProxy(server.Port, upstreamReceiveBuffer: 4096);
        using var plain = new ClientWebSocket();
        await plain.ConnectAsync(server.Uri, Token);
        using var live = Batched();
        await live.ConnectAsync(proxy.RealtimeUri, Token);
        Assert.Equal(RealtimeSubProtocols.Batch, live.SubProtocol);
        Assert.Null(plain.SubProtocol);
        await Eventually.Until(() => server.Hub.ConnectionCount == 2, TimeSpan.FromSeconds(10));

        // The live batched client's network stalls while events pile up in its queue; data published across lines
        // arrives as one line.
        proxy.Freeze();
        var pad = new string('x', 200);
        for (var i = 0; i < Events; i++)
        {
            await server.Publisher.PublishAsync(RealtimeEventTypes.Activity, Encoding.UTF8.GetBytes($"{{\n  \"n\": {i},\r\n  \"pad\": \"{pad}\"\n}}"), cancellationToken: Token);
        }

        proxy.Thaw();

        // A batched client that resumes from the start gets the replay in messages of up to 64 KB.
        using var replayed = Batched();
        await replayed.ConnectAsync(new Uri(server.Uri + "?lastSeq=0"), Token);

        var (plainNumbers, plainMessages) = await ReadEventsAsync(plain, Events, split: false);
        var (liveNumbers, liveMessages) = await ReadEventsAsync(live, Events, split: true);
        var (replayedNumbers, replayedMessages) = await ReadEventsAsync(replayed, Events, split: true);

        Assert.All(new[] { plainNumbers, liveNumbers, replayedNumbers }, numbers => Assert.Equal(Enumerable.Range(0, Events), numbers));
        Assert.Equal(Events + 1, plainMessages); // the welcome and one message per event
        Assert.True(liveMessages < Events, $"{liveMessages} messages for {Events} events");
        Assert.InRange(replayedMessages, Events * 250 / (64 * 1024), 30); // about 1.3 MB of frames
    }

    private static ClientWebSocket Batched()
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(RealtimeSubProtocols.Batch);
        return socket;
    }

    /// <summary>Reads until <paramref name="count"/> activity events arrived; each message is one JSON frame, or with <paramref name="split"/> lines of frames.</summary>
    private static async Task<(List<int> Numbers, int Messages)> ReadEventsAsync(ClientWebSocket socket, int count, bool split)
    {
        var numbers = new List<int>();
        var messages = 0;
        var buffer = new byte[1024 * 1024];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (numbers.Count < count)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            messages++;
            var text = Encoding.UTF8.GetString(buffer, 0, length);
            foreach (var line in split ? text.Split('\n') : [text])
            {
                using var frame = System.Text.Json.JsonDocument.Parse(line); // every line is a whole frame
                if (frame.RootElement.GetProperty("type").GetString() == RealtimeEventTypes.Activity)
                {
                    numbers.Add(frame.RootElement.GetProperty("data").GetProperty("n").GetInt32());
                }
            }
        }

        return (numbers, messages);
    }
}

internal static class WireFormatNames
{
    public const string Welcome = "welcome";
}
