using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AssistantKit.Realtime;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AssistantKit.TestUtils;

/// <summary>A real Kestrel on 127.0.0.1 serving <c>/realtime</c>, configured per test.</summary>
public sealed class RealtimeTestServer : IAsyncDisposable
{
    private RealtimeTestServer(WebApplication app, int port)
    {
        App = app;
        Port = port;
    }

    public WebApplication App { get; }

    public int Port { get; }

    public Uri Uri => new($"ws://127.0.0.1:{Port}/realtime");

    public Uri HttpUri => new($"http://127.0.0.1:{Port}/");

    public RealtimeHub Hub => App.Services.GetRequiredService<RealtimeHub>();

    public IRealtimePublisher Publisher => App.Services.GetRequiredService<IRealtimePublisher>();

    /// <summary>
    /// Starts a server. With <paramref name="requireAuthorization"/>, clients authenticate with <see cref="TestAuthHandler"/>
    /// bearer tokens; <paramref name="time"/> is the server's clock (a fake one in tests of timing); <paramref name="initialize"/>
    /// runs after the app is built and before it starts (migrations).
    /// </summary>
    public static async Task<RealtimeTestServer> StartAsync(
        Action<RealtimeServerOptions>? configure = null,
        Action<IRealtimeBuilder>? realtime = null,
        bool requireAuthorization = false,
        Action<WebApplication>? configureApp = null,
        int port = 0,
        TimeProvider? time = null,
        Action<IServiceCollection>? services = null,
        Func<WebApplication, Task>? initialize = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddAuthentication(TestAuthHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        if (time is not null)
        {
            builder.Services.AddSingleton(time); // the hub, replay window and producers run on this clock
        }

        services?.Invoke(builder.Services);
        var rt = builder.Services.AddAssistantKitCore().AddRealtime(configure ?? (_ => { }));
        realtime?.Invoke(rt);
        var app = builder.Build();
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseAuthorization();
        configureApp?.Invoke(app);
        var endpoint = app.MapAssistantKitRealtime("/realtime");
        if (requireAuthorization)
        {
            endpoint.RequireAuthorization();
        }

        app.MapGet("/ping", () => "pong");
        if (initialize is not null)
        {
            await initialize(app);
        }

        await app.StartAsync();
        var address = app.Urls.First();
        return new RealtimeTestServer(app, new Uri(address).Port);
    }

    public RealtimeClient CreateClient(Action<RealtimeClientOptions>? configure = null, Uri? uri = null, ILogger<RealtimeClient>? logger = null)
    {
        var options = new RealtimeClientOptions
        {
            Uri = uri ?? Uri,
            InitialReconnectDelay = TimeSpan.FromMilliseconds(20),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
        };
        configure?.Invoke(options);
        logger ??= Environment.GetEnvironmentVariable("ASSISTANTKIT_TEST_LOG") == "1"
            ? LoggerFactory.Create(b => b.AddConsole().SetMinimumLevel(LogLevel.Debug)).CreateLogger<RealtimeClient>()
            : null;
        return new RealtimeClient(options, logger);
    }

    /// <summary>Publishes <paramref name="count"/> <c>activity</c> events whose data is <c>{"n": i}</c>.</summary>
    public async Task PublishNumbersAsync(int count, int start = 0, string type = RealtimeEventTypes.Activity, RealtimeAudience audience = default, Func<int, Task>? between = null)
    {
        for (var i = start; i < start + count; i++)
        {
            await Publisher.PublishAsync(type, Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"), audience);
            if (between is not null)
            {
                await between(i);
            }
        }
    }

    public static int Number(RealtimeEvent e) => e.Data.GetProperty("n").GetInt32();

    /// <summary>A free loopback port (for a server started later).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the server; a stop that does not finish (a hosted service that ignores its token) fails the test instead of hanging it.</summary>
    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Bounded.WaitAsync(App.StopAsync(stopping.Token), TimeSpan.FromSeconds(40), "Stopping the test server");
        await Bounded.WaitAsync(App.DisposeAsync().AsTask(), TimeSpan.FromSeconds(20), "Disposing the test server");
    }
}

/// <summary>Test authentication: <c>Authorization: Bearer user:NAME[:ROLE,ROLE]</c>; anything else is unauthenticated.</summary>
public sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";

    public static string Token(string user, params string[] roles) => $"user:{user}:{string.Join(',', roles)}";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer user:", StringComparison.Ordinal))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var parts = header["Bearer user:".Length..].Split(':');
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, parts[0]), new(ClaimTypes.Name, parts[0]) };
        if (parts.Length > 1)
        {
            claims.AddRange(parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim(ClaimTypes.Role, r)));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName)));
    }
}

/// <summary>A bare WebSocket client speaking the protocol by hand, as a browser script would.</summary>
public sealed class RawRealtimeSocket : IAsyncDisposable
{
    private readonly byte[] _buffer = new byte[1 << 20];

    private RawRealtimeSocket(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    public static async Task<RawRealtimeSocket> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        await socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        return new RawRealtimeSocket(socket);
    }

    public Task SendAsync(string text) => Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Receives the next message as JSON, or <see langword="null"/> when the server closed.</summary>
    public async Task<JsonElement?> ReceiveAsync(TimeSpan? timeout = null)
    {
        var count = 0;
        WebSocketReceiveResult result;
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        do
        {
            result = await Socket.ReceiveAsync(new ArraySegment<byte>(_buffer, count, _buffer.Length - count), cts.Token);
            count += result.Count;
        }
        while (!result.EndOfMessage);

        return result.MessageType == WebSocketMessageType.Close ? null : JsonDocument.Parse(_buffer.AsMemory(0, count)).RootElement.Clone();
    }

    /// <summary>Receives until a message of <paramref name="type"/> arrives.</summary>
    public async Task<JsonElement> ReceiveAsync(string type, TimeSpan? timeout = null)
    {
        while (true)
        {
            var message = await ReceiveAsync(timeout) ?? throw new InvalidOperationException($"Closed ({Socket.CloseStatus} {Socket.CloseStatusDescription}) while waiting for '{type}'.");
            if (message.GetProperty("type").GetString() == type)
            {
                return message;
            }
        }
    }

    /// <summary>Receives until the server closes, returning its close code.</summary>
    public async Task<int?> ReceiveCloseAsync(TimeSpan? timeout = null)
    {
        try
        {
            while (await ReceiveAsync(timeout) is not null)
            {
            }
        }
        catch (WebSocketException)
        {
        }

        return (int?)Socket.CloseStatus;
    }

    public ValueTask DisposeAsync()
    {
        Socket.Abort();
        Socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
