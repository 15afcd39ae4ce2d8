using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace AssistantKit.Realtime;

/// <summary>
/// First in the pipeline: moves a browser's <c>access_token</c> query parameter of a WebSocket request into the
/// <c>Authorization</c> header (for any bearer scheme) and removes it from the query string, so that later middleware,
/// endpoints and their logs never see it.
/// </summary>
internal sealed class AccessTokenStartupFilter(IOptions<RealtimeServerOptions> options) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (options.Value.AccessTokenQueryParameter is { Length: > 0 } parameter)
        {
            app.Use((context, nextMiddleware) =>
            {
                MoveToken(context.Request, parameter);
                return nextMiddleware(context);
            });
        }

        next(app);
    };

    internal static void MoveToken(HttpRequest request, string parameter)
    {
        if (!request.Query.TryGetValue(parameter, out var token) || !request.Headers.Upgrade.Any(static u => string.Equals(u, "websocket", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        if (StringValues.IsNullOrEmpty(request.Headers.Authorization) && token.Count == 1 && !string.IsNullOrEmpty(token[0]))
        {
            request.Headers.Authorization = "Bearer " + token[0];
        }

        var rest = request.Query.Where(q => !string.Equals(q.Key, parameter, StringComparison.Ordinal));
        request.QueryString = QueryString.Create(rest);
    }
}
