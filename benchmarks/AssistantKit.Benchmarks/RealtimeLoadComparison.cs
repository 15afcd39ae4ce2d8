using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AssistantKit.Realtime;
using AssistantKit.TestUtils;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantKit.Benchmarks;

/// <summary>
/// AssistantKit realtime against an ASP.NET Core SignalR hub with the clients in another process, as a user would run
/// them: <c>realtime-load</c> (this process: raw WebSocket clients, the driver) starts <c>realtime-load-server</c> (a
/// second process: one Kestrel app with both endpoints, default options, and a fixed-rate publisher started over HTTP).
/// Latency is taken from each event's scheduled publish time. Our clients connect three ways: offering the batch
/// subprotocol (as the .NET client does), and plain (one frame per message, as a browser that offers nothing); SignalR's
/// speak its JSON hub protocol. With <c>redis</c>: two nodes share a redis-server, clients split over both, published on
/// the first (ours only; SignalR would need its own Redis package).
/// </summary>
public static class RealtimeLoadComparison
{
    private const char RecordSeparator = '\u001e';
    private const int WarmUpSeconds = 3;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The server process: prints <c>ports A B</c>, serves until its standard input closes.</summary>
    public static async Task ServeAsync(bool redis)
    {
        await using var redisServer = redis ? await RedisServer.StartAsync() : null;
        Action<IRealtimeBuilder>? backplane = redisServer is null ? null : r => r.AddRedisBackplane(o => o.Configuration = redisServer.Configuration);
        await using var first = await RealtimeTestServer.StartAsync(
            realtime: backplane,
            services: static s => s.AddSignalR(),
            configureApp: static app =>
            {
                app.MapHub<SignalRComparison.BroadcastHub>("/signalr");
                app.MapGet("/publish", PublishAsync);
            });
        await using var second = redisServer is null ? null : await RealtimeTestServer.StartAsync(realtime: backplane);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ports {first.Port} {second?.Port ?? first.Port}"));
        await Console.In.ReadLineAsync();
    }

    /// <summary><c>GET /publish?target=ours|signalr&amp;rate=R&amp;seconds=S</c>: publishes at a fixed rate, warm-up first; returns when all is published.</summary>
    private static async Task PublishAsync(HttpContext context, IRealtimePublisher ours, IHubContext<SignalRComparison.BroadcastHub> signalR)
    {
        var query = context.Request.Query;
        var rate = int.Parse(query["rate"]!, CultureInfo.InvariantCulture);
        var seconds = int.Parse(query["seconds"]!, CultureInfo.InvariantCulture);
        Func<Activity, Task> publish = query["target"] == "signalr"
            ? activity => signalR.Clients.All.SendAsync("activity", activity)
            : activity => ours.PublishAsync(RealtimeEventTypes.Activity, JsonSerializer.SerializeToUtf8Bytes(activity, Json)).AsTask();
        var total = rate * (WarmUpSeconds + seconds);
        var measuredFrom = rate * WarmUpSeconds;
        var start = Stopwatch.GetTimestamp();

        // The scheduled time travels in the payload (about 220 bytes of JSON); warm-up events carry -1.
        await FixedRatePublisher.RunAsync(rate, total, measuredFrom, (due, i) =>
            publish(new Activity(due, "message_sent", "A user sent a message in the support queue; the assistant answered it with a template", $"user-{i % 97}", "conversation-3f2a9c41")));
        await context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{total} published in {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s"));
    }

    /// <summary>The payload: the scheduled time and what a dashboard's activity event carries.</summary>
    public sealed record Activity(long T, string Kind, string Message, string User, string Conversation);

    /// <summary>The driver: starts the server process, then alternates the servers for <paramref name="rounds"/> rounds.</summary>
    public static async Task<string> RunAsync(int clients, int rate, int seconds, int rounds, bool redis)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("realtime-load-server");
        if (redis)
        {
            start.ArgumentList.Add("redis");
        }

        using var server = Process.Start(start)!;
        try
        {
            var ports = (await server.StandardOutput.ReadLineAsync())!.Split(' ')[1..].Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}/"), Timeout = TimeSpan.FromMinutes(5) };
            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"{clients} clients x {rate} events/s{(redis ? ", Redis, 2 nodes" : "")}, {WarmUpSeconds} s warm-up, {seconds} s measured, {rounds} alternating rounds, clients in another process ({Environment.ProcessorCount} cores)");
            report.AppendLine("| round | server | delivered | deliveries/s | messages per delivery | p50 | p99 | max | cut | resets |");
            report.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            (string Name, string Path, string? Handshake, string? SubProtocol)[] targets = redis
                ? [("AssistantKit, batch", "realtime", null, RealtimeSubProtocols.Batch), ("AssistantKit, plain", "realtime", null, null)]
                : [("AssistantKit, batch", "realtime", null, RealtimeSubProtocols.Batch), ("AssistantKit, plain", "realtime", null, null), ("SignalR", "signalr", "{\"protocol\":\"json\",\"version\":1}" + RecordSeparator, null)];
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var target in targets)
                {
                    var receivers = new LoadReceiver[clients];
                    for (var i = 0; i < clients; i++)
                    {
                        receivers[i] = await LoadReceiver.ConnectAsync(new Uri($"ws://127.0.0.1:{ports[i % ports.Length]}/{target.Path}"), target.Handshake, target.SubProtocol);
                    }

                    var began = Stopwatch.GetTimestamp();
                    await http.GetStringAsync($"publish?target={(target.Path == "signalr" ? "signalr" : "ours")}&rate={rate}&seconds={seconds}");
                    var expected = (long)rate * seconds * clients;
                    for (var wait = 0; wait < 1000 && receivers.Sum(static r => r.Measured) < expected; wait++)
                    {
                        await Task.Delay(10); // the last events arrive, or not: up to 10 s more
                    }

                    var elapsed = Stopwatch.GetElapsedTime(began).TotalSeconds - WarmUpSeconds;
                    report.AppendLine(CultureInfo.InvariantCulture, $"| {round} | {target.Name} | {Summary(receivers, expected, elapsed)}");
                    foreach (var receiver in receivers)
                    {
                        receiver.Abort();
                    }

                    await Task.Delay(1000); // the server notices the closed sockets before the next side connects
                }
            }

            return report.ToString();
        }
        finally
        {
            server.StandardInput.Close();
            if (!server.WaitForExit(10_000))
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    private static string Summary(LoadReceiver[] receivers, long expected, double elapsed)
    {
        var latencies = receivers.SelectMany(static r => r.Latencies).Order().ToArray();
        double P(double p) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
        var messages = receivers.Sum(static r => r.Messages);
        var cut = receivers.Count(static r => r.CloseCode == RealtimeCloseCodes.SlowConsumer);
        return string.Create(CultureInfo.InvariantCulture, $"{100.0 * latencies.Length / expected:0.0} % | {latencies.Length / elapsed:N0} | {(double)messages / Math.Max(1, latencies.Length):0.00} | {P(0.50):N1} ms | {P(0.99):N1} ms | {(latencies.Length == 0 ? double.NaN : latencies[^1]):N0} ms | {cut} | {receivers.Sum(static r => r.Resets)} |");
    }
}
