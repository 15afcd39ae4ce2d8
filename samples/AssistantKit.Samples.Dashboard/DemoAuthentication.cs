using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AssistantKit.Samples.Dashboard;

/// <summary>
/// Demo sign-in for the sample: <c>Authorization: Bearer demo:NAME</c> (the browser sends it as <c>access_token</c> on the
/// WebSocket URL). A real app uses its own scheme (cookies, JWT); AssistantKit only reads <c>HttpContext.User</c>.
/// </summary>
public sealed class DemoAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "Demo";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        const string prefix = "Bearer demo:";
        if (!header.StartsWith(prefix, StringComparison.Ordinal) || header.Length - prefix.Length is < 1 or > 40)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var user = header[prefix.Length..];
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.ToLowerInvariant()), new Claim(ClaimTypes.Name, user)], Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Name)));
    }
}
