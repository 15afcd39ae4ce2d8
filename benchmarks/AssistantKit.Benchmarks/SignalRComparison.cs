using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using AssistantKit.Realtime;
using AssistantKit.TestUtils;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantKit.Benchmarks;

/// <summary>
/// AssistantKit realtime against an ASP.NET Core SignalR hub, side by side in one Kestrel app and one run: the same payload
/// published by a fixed-rate loop to the same number of raw WebSocket clients (SignalR's clients speak its JSON hub
/// protocol), both servers with default options. Latency is taken from each event's scheduled publish time, so a
/// publisher that falls behind shows up in it. Each side gets a warm-up, then a measured window.
/// </summary>
public static class SignalRComparison
{
    private const char RecordSeparator = '\u001e';

    /// <summary>camelCase, as SignalR's JSON protocol writes it.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A hub with nothing on it: the server broadcasts through <see cref="IHubContext{THub}"/>.</summary>
    public sealed class BroadcastHub : Hub;

    public static async Task<string> RunAsync(int clients, int eventsPerSecond, int seconds, int rounds)
    {
        await using var server = await RealtimeTestServer.StartAsync(
            services: static s => s.AddSignalR(),
            configureApp: static app => app.MapHub<BroadcastHub>("/signalr"));
        var signalR = server.App.Services.GetRequiredService<IHubContext<BroadcastHub>>();
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{clients} clients x {eventsPerSecond} events/s, 3 s warm-up, {seconds} s measured, {rounds} alternating rounds ({Environment.ProcessorCount} cores)");
        report.AppendLine("| round | server | delivered | deliveries/s | p50 | p99 | max | connections lost |");
        report.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        for (var round = 1; round <= rounds; round++)
        {
            var ours = await MeasureAsync(
                clients, eventsPerSecond, seconds,
                new Uri($"ws://127.0.0.1:{server.Port}/realtime"), handshake: null,
                activity => server.Publisher.PublishAsync(RealtimeEventTypes.Activity, JsonSerializer.SerializeToUtf8Bytes(activity, Json)).AsTask());
            report.AppendLine(CultureInfo.InvariantCulture, $"| {round} | AssistantKit | {ours}");
            var theirs = await MeasureAsync(
                clients, eventsPerSecond, seconds,
                new Uri($"ws://127.0.0.1:{server.Port}/signalr"), handshake: "{\"protocol\":\"json\",\"version\":1}" + RecordSeparator,
                activity => signalR.Clients.All.SendAsync("activity", activity));
            report.AppendLine(CultureInfo.InvariantCulture, $"| {round} | SignalR | {theirs}");
        }

        return report.ToString();
    }

    private static async Task<string> MeasureAsync(int clients, int eventsPerSecond, int seconds, Uri uri, string? handshake, Func<Activity, Task> publish)
    {
        var receivers = new LoadReceiver[clients];
        for (var i = 0; i < clients; i++)
        {
            receivers[i] = await LoadReceiver.ConnectAsync(uri, handshake);
        }

        const int WarmUp = 3;
        var total = eventsPerSecond * (WarmUp + seconds);
        var measuredFrom = eventsPerSecond * WarmUp;
        var start = Stopwatch.GetTimestamp();
        await FixedRatePublisher.RunAsync(eventsPerSecond, total, measuredFrom, (due, i) =>
            publish(new Activity(due, "message_sent", "A user sent a message in the support queue", $"user-{i % 97}")));

        // Let the last events arrive (or not): up to 10 s more.
        var expected = (long)(total - measuredFrom) * clients;
        for (var wait = 0; wait < 1000 && receivers.Sum(static r => r.Measured) < expected; wait++)
        {
            await Task.Delay(10);
        }

        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds - WarmUp;
        var latencies = receivers.SelectMany(static r => r.Latencies).Order().ToArray();
        var lost = receivers.Count(static r => r.Closed);
        foreach (var receiver in receivers)
        {
            receiver.Abort();
        }

        await Task.Delay(500); // let the server notice the closed sockets before the other side connects
        double P(double p) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
        return string.Create(CultureInfo.InvariantCulture, $"{100.0 * latencies.Length / expected:0.0} % | {latencies.Length / elapsed:N0} | {P(0.50):N1} ms | {P(0.99):N1} ms | {(latencies.Length == 0 ? double.NaN : latencies[^1]):N0} ms | {lost} |");
    }

    /// <summary>The payload as a SignalR app passes it (serialized by the hub protocol, once per broadcast).</summary>
    public sealed record Activity(long T, string Kind, string Message, string User);
}
