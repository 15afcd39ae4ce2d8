using System.Net.WebSockets;
using System.Text;
using AssistantKit.TestUtils;

namespace AssistantKit.Realtime.AspNetCore.Tests;

/// <summary>
/// The hub against hostile clients beyond floods and garbage (EndpointTests): fragmented and unfinished frames, a resume
/// past the head, ten thousand subscriptions, lone surrogates, and mutants of every control message. Each gets an error
/// frame or a close code; the server stays up and other connections keep being served.
/// </summary>
public sealed class HostileClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMessageInOneByteFragments_IsAnswered_AnUnfinishedOneHoldsUpNobodyElse()
    {
        await using var server = await RealtimeTestServer.StartAsync();
        await using var bystander = await RawRealtimeSocket.ConnectAsync(server.Uri);
        await bystander.ReceiveAsync(WireFormatNames.Welcome);
        await using var client = await RawRealtimeSocket.ConnectAsync(server.Uri);
        await client.ReceiveAsync(WireFormatNames.Welcome);

        var ping = Encoding.UTF8.GetBytes("{\"type\":\"ping\",\"data\":{\"t\":5}}");
        for (var i = 0; i < ping.Length; i++)
        {
            await client.Socket.SendAsync(ping.AsMemory(i, 1), WebSocketMessageType.Text, endOfMessage: i == ping.Length - 1, Token);
        }

        Assert.Equal(5, (await client.ReceiveAsync("pong")).GetProperty("data").GetProperty("t").GetInt32());

        await client.Socket.SendAsync("{\"type\":\"pi"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: false, Token); // and never the rest
        await server.PublishNumbersAsync(1, start: 3);
        Assert.Equal(3, (await bystander.ReceiveAsync(RealtimeEventTypes.Activity)).GetProperty("data").GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task ResumeBeyondTheHead_IsAReset_TheConnectionStaysUsable()
    {
        await using var server = await RealtimeTestServer.StartAsync();
        await using var client = await RawRealtimeSocket.ConnectAsync(server.Uri);
        var epoch = (await client.ReceiveAsync(WireFormatNames.Welcome)).GetProperty("data").GetProperty("epoch").GetString();
        await server.PublishNumbersAsync(2);

        await client.SendAsync($"{{\"type\":\"resume\",\"data\":{{\"after\":999999999,\"epoch\":\"{epoch}\"}}}}");
        var answer = await client.ReceiveAsync(TimeSpan.FromSeconds(10));
        while (answer!.Value.GetProperty("type").GetString() == RealtimeEventTypes.Activity)
        {
            answer = await client.ReceiveAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Contains(answer.Value.GetProperty("type").GetString(), new[] { "reset", "resumed", "error" });
        await client.SendAsync("{\"type\":\"ping\",\"data\":{\"t\":7}}");
        Assert.Equal(7, (await client.ReceiveAsync("pong")).GetProperty("data").GetProperty("t").GetInt32());
    }

    [Fact]
    public async Task TenThousandSubscriptions_AreCappedWithAnError_NotStored()
    {
        await using var server = await RealtimeTestServer.StartAsync(o => { o.InboundBurst = 1_000; o.InboundMessagesPerSecond = 1_000; o.MaxProtocolErrors = 1_000; });
        await using var client = await RawRealtimeSocket.ConnectAsync(server.Uri);
        await client.ReceiveAsync(WireFormatNames.Welcome);
        var subscribed = 0;
        string? error = null;

        for (var batch = 0; batch < 10_000 / 64 && error is null; batch++)
        {
            var types = string.Join(",", Enumerable.Range(batch * 64, 64).Select(static i => $"\"t{i}\""));
            await client.SendAsync($"{{\"type\":\"subscribe\",\"data\":{{\"types\":[{types}]}}}}");
            var answer = (await client.ReceiveAsync(TimeSpan.FromSeconds(10)))!.Value;
            if (answer.GetProperty("type").GetString() == "error")
            {
                error = answer.GetProperty("data").GetProperty("code").GetString();
            }
            else
            {
                subscribed++;
            }
        }

        Assert.Equal("too_many_types", error);
        Assert.Equal(1_024 / 64, subscribed);
        await client.SendAsync("{\"type\":\"ping\",\"data\":{\"t\":1}}");
        await client.ReceiveAsync("pong");
    }

    [Fact]
    public async Task MutantsOfEveryControlMessage_GetAnErrorOrAClose_OthersAreServed()
    {
        await using var server = await RealtimeTestServer.StartAsync(o => { o.InboundBurst = 10_000; o.InboundMessagesPerSecond = 10_000; o.MaxProtocolErrors = 10_000; });
        await using var bystander = await RawRealtimeSocket.ConnectAsync(server.Uri);
        await bystander.ReceiveAsync(WireFormatNames.Welcome);
        string[] messages =
        [
            "{\"type\":\"ping\",\"data\":{\"t\":1}}",
            "{\"type\":\"subscribe\",\"data\":{\"types\":[\"activity\",\"notification\"]}}",
            "{\"type\":\"unsubscribe\",\"data\":{\"types\":[\"activity\"]}}",
            "{\"type\":\"resume\",\"data\":{\"after\":0,\"epoch\":\"e\"}}",
        ];
        var closes = new List<(int Seed, int? Code, bool Utf8)>();
        var oversized = new List<int>();
        RawRealtimeSocket attacker;
        for (var seed = 0; seed < 200; seed++)
        {
            // A connection per mutant: each answer is the answer to that mutant alone.
            attacker = await RawRealtimeSocket.ConnectAsync(server.Uri);
            await attacker.ReceiveAsync(WireFormatNames.Welcome);

            // The mutant, then a ping carrying the seed: the answer to the mutant comes before that pong, or a close does.
            var mutant = JsonMutator.Mutate(Encoding.UTF8.GetBytes(messages[seed % messages.Length]), seed);
            if (mutant.Length > 4_096)
            {
                oversized.Add(seed);
            }

            try
            {
                await attacker.Socket.SendAsync(mutant, WebSocketMessageType.Text, endOfMessage: true, Token);
                await attacker.SendAsync($"{{\"type\":\"ping\",\"data\":{{\"seed\":{seed}}}}}");
                while (await attacker.ReceiveAsync(TimeSpan.FromSeconds(20)) is { } frame
                    && !(frame.GetProperty("type").GetString() == "pong" && frame.GetProperty("data").TryGetProperty("seed", out var echoed) && echoed.ValueKind == System.Text.Json.JsonValueKind.Number && echoed.GetInt32() == seed))
                {
                }
            }
            catch (WebSocketException)
            {
            }

            if (attacker.Socket.State != WebSocketState.Open)
            {
                closes.Add((seed, (int?)attacker.Socket.CloseStatus, System.Text.Unicode.Utf8.IsValid(mutant)));
            }

            await attacker.DisposeAsync();
        }

        // A close is only ever the documented answer: an oversized message (the 10,000-deep nesting mutants), or a text
        // frame that is not UTF-8, which the WebSocket layer closes with 1007 (RFC 6455, invalid payload data; when the
        // sentinel ping is already on its way the client sees the connection end before it reads that close frame).
        Assert.All(closes, static c => Assert.True(
            c.Code == RealtimeCloseCodes.MessageTooBig || (!c.Utf8 && c.Code is (int)WebSocketCloseStatus.InvalidPayloadData or null),
            $"seed {c.Seed}: closed with {c.Code}"));
        Assert.All(oversized, seed => Assert.True(closes.Any(c => c.Seed == seed), $"seed {seed}: {oversized.Count} oversized mutants, {closes.Count} closes ({string.Join(", ", closes.Select(static c => $"{c.Seed}:{c.Code}"))})"));
        await server.PublishNumbersAsync(1, start: 11);
        Assert.Equal(11, (await bystander.ReceiveAsync(RealtimeEventTypes.Activity)).GetProperty("data").GetProperty("n").GetInt32());
    }
}
