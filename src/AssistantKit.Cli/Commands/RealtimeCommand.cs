using System.CommandLine;
using System.Globalization;
using System.Net;
using AssistantKit.Realtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AssistantKit.Cli.Commands;

/// <summary><c>assistantkit realtime listen|serve</c>.</summary>
internal static class RealtimeCommand
{
    public static Command Create() => new("realtime", "Listen to a realtime event stream, or run a demo server.") { Listen(), Serve() };

    private static Command Listen()
    {
        var url = new Argument<string>("url") { Description = "The endpoint, for example ws://127.0.0.1:5080/realtime." };
        var types = new Option<string[]>("--type") { Description = "Only these event types.", AllowMultipleArgumentsPerToken = true };
        var token = new Option<string?>("--token") { Description = "Bearer token sent in the Authorization header." };
        var count = new Option<int?>("--count") { Description = "Exit after this many events." };
        var command = new Command("listen", "Print events as they arrive, one JSON line each; reconnects and resumes by itself. Ctrl+C to stop.") { url, types, token, count };
        command.SetAction(async (result, cancellationToken) =>
        {
            var accessToken = result.GetValue(token);
            var options = new RealtimeClientOptions
            {
                Uri = Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var uri) ? uri : null,
                Types = result.GetValue(types) is { Length: > 0 } t ? t : null,
                AccessTokenProvider = accessToken is null ? null : _ => ValueTask.FromResult<string?>(accessToken),
            };
            RealtimeClient client;
            try
            {
                client = new RealtimeClient(options);
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.BadUsage;
            }

            await using var disposeClient = client.ConfigureAwait(false);
            client.StateChanged += (_, e) => Console.Error.WriteLine($"[{e.Current.ToString().ToLowerInvariant()}]{(e.Error is null ? "" : " " + e.Error.Message)}{(e.RetryDelay is { } d ? $" retry in {d.TotalSeconds:0.0} s" : "")}");
            _ = client.ConnectAsync(cancellationToken);
            var limit = result.GetValue(count);
            var seen = 0;
            try
            {
                await foreach (var e in client.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    Console.WriteLine($"{{\"type\":\"{e.Type}\",\"seq\":{e.Seq},\"timestamp\":\"{e.Timestamp:O}\",\"data\":{e.Data.GetRawText()}}}");
                    if (++seen == limit)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Serve()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1.", DefaultValueFactory = static _ => 5080 };
        var command = new Command("serve", "Run a demo realtime server at ws://127.0.0.1:PORT/realtime with the system-health and presence producers and a simulated activity feed. Ctrl+C to stop.") { port };
        command.SetAction(async (result, cancellationToken) =>
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, result.GetValue(port)));
            builder.Services.AddAssistantKit().AddRealtime().AddSystemHealth().AddPresence();
            builder.Services.AddHostedService<DemoActivity>();
            var app = builder.Build();
            app.UseWebSockets();
            app.MapAssistantKitRealtime("/realtime");
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            Console.Error.WriteLine($"Serving ws://127.0.0.1:{result.GetValue(port)}/realtime — Ctrl+C to stop.");
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Publishes an activity every second and a notification every tenth.</summary>
    private sealed class DemoActivity(IRealtimePublisher publisher, TimeProvider time) : BackgroundService
    {
        private static readonly string[] Kinds = ["conversation_started", "message_sent", "template_used", "export_completed"];

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
            for (var n = 1; await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false); n++)
            {
                var kind = Kinds[n % Kinds.Length];
                var id = n.ToString(CultureInfo.InvariantCulture);
                await publisher.PublishActivityAsync(new ActivityEvent(id, kind, $"Demo user {n % 7} {kind.Replace('_', ' ')}", time.GetUtcNow(), $"user{n % 7}", $"Demo user {n % 7}"), cancellationToken: stoppingToken).ConfigureAwait(false);
                if (n % 10 == 0)
                {
                    await publisher.PublishNotificationAsync(new Notification(id, AlertLevel.Info, "Demo", $"{n} activities so far", time.GetUtcNow()), cancellationToken: stoppingToken).ConfigureAwait(false);
                }
            }
        }
    }
}
