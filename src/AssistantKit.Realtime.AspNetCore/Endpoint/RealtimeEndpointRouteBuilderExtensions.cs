using System.Collections.Frozen;
using System.Globalization;
using System.Security.Claims;
using AssistantKit.Realtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the AssistantKit realtime endpoint.</summary>
public static partial class RealtimeEndpointRouteBuilderExtensions
{
    /// <summary>The log category of the endpoint (refusals before the WebSocket upgrade).</summary>
    private const string LogCategory = "AssistantKit.Realtime.Endpoint";

    /// <summary>
    /// Serves the realtime stream at <paramref name="pattern"/> (WebSocket requests only). Add authorization as for any
    /// endpoint (<c>.RequireAuthorization("policy")</c>); the user's id is their name-identifier claim (or name), their
    /// groups the <see cref="RealtimeServerOptions.GroupClaimType"/> claims. Browsers from origins not in
    /// <see cref="RealtimeServerOptions.AllowedOrigins"/> get 403. Query parameters: <c>lastSeq</c> and <c>epoch</c>
    /// (resume), <c>types</c> (comma-separated event types), <c>access_token</c> (see <see cref="RealtimeServerOptions.AccessTokenQueryParameter"/>).
    /// Requires <c>AddAssistantKit().AddRealtime()</c>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder (the app).</param>
    /// <param name="pattern">The route; default <c>/realtime</c>.</param>
    /// <returns>The endpoint's convention builder.</returns>
    public static IEndpointConventionBuilder MapAssistantKitRealtime(this IEndpointRouteBuilder endpoints, string pattern = "/realtime")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<RealtimeHub>() is null)
        {
            throw new InvalidOperationException("AssistantKit realtime is not registered: call services.AddAssistantKit().AddRealtime() first.");
        }

        return endpoints.Map(pattern, HandleAsync).WithDisplayName("AssistantKit realtime");
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var hub = context.RequestServices.GetRequiredService<RealtimeHub>();
        var options = context.RequestServices.GetRequiredService<IOptions<RealtimeServerOptions>>().Value;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Reject(context, StatusCodes.Status400BadRequest, "This endpoint accepts WebSocket requests only.").ConfigureAwait(false);
            return;
        }

        if (!IsOriginAllowed(context.Request, options.AllowedOrigins))
        {
            await Reject(context, StatusCodes.Status403Forbidden, "This origin may not open realtime connections.").ConfigureAwait(false);
            return;
        }

        if (ReadRequest(context, options, out var error) is not { } request)
        {
            await Reject(context, StatusCodes.Status400BadRequest, error).ConfigureAwait(false);
            return;
        }

        try
        {
            await hub.EnsureSubscribedAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (RealtimeBackplaneException e)
        {
            // Refused before the upgrade: clients treat it like any failed connect and retry with backoff. The details
            // (which server, why) go to the log, not to the client.
            BackplaneUnavailable(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory), e);
            context.Response.Headers.RetryAfter = "5";
            await Reject(context, StatusCodes.Status503ServiceUnavailable, "Realtime is temporarily unavailable; try again shortly.").ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            // Several frames per message when the client offers it; the connection reads the choice from the socket.
            SubProtocol = context.WebSockets.WebSocketRequestedProtocols.Contains(RealtimeSubProtocols.Batch) ? RealtimeSubProtocols.Batch : null,
            KeepAliveInterval = options.HeartbeatInterval,
            KeepAliveTimeout = options.HeartbeatInterval,
        }).ConfigureAwait(false);
        await hub.RunConnectionAsync(socket, request, context.RequestAborted).ConfigureAwait(false);
    }

    private static RealtimeConnectionRequest? ReadRequest(HttpContext context, RealtimeServerOptions options, out string error)
    {
        error = "";
        var query = context.Request.Query;
        long? after = null;
        if (query.TryGetValue("lastSeq", out var lastSeq))
        {
            if (!long.TryParse(lastSeq.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                error = "'lastSeq' must be a sequence number (an integer, at least 0).";
                return null;
            }

            after = value;
        }

        FrozenSet<string>? types = null;
        if (query.TryGetValue("types", out var typeList))
        {
            var names = typeList.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (names.Length is 0 or > 64 || !names.All(RealtimeEventTypes.IsPublishable))
            {
                error = "'types' must be a comma-separated list of 1 to 64 event types.";
                return null;
            }

            types = names.ToFrozenSet(StringComparer.Ordinal);
        }

        var user = context.User;
        var authenticated = user.Identity?.IsAuthenticated == true;
        return new RealtimeConnectionRequest
        {
            UserId = authenticated ? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity!.Name : null,
            UserName = authenticated ? user.Identity!.Name ?? user.FindFirstValue("name") : null,
            Groups = authenticated ? user.FindAll(options.GroupClaimType).Select(c => c.Value).ToFrozenSet(StringComparer.Ordinal) : FrozenSet<string>.Empty,
            Types = types,
            ResumeAfter = after,
            ResumeEpoch = query.TryGetValue("epoch", out var epoch) && !string.IsNullOrEmpty(epoch) ? epoch.ToString() : null,
        };
    }

    internal static bool IsOriginAllowed(HttpRequest request, IList<string> allowed)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        if (allowed.Count == 0)
        {
            return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
        }

        return allowed.Any(a => a == "*" || string.Equals(a.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }

    [LoggerMessage(9, LogLevel.Warning, "A realtime connection was refused with 503: the backplane is unavailable.")]
    private static partial void BackplaneUnavailable(ILogger logger, Exception exception);

    private static Task Reject(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message);
    }
}
