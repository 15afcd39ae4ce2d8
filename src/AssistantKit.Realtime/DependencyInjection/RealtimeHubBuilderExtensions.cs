using AssistantKit.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AssistantKit;

/// <summary>Adds the transport-independent realtime hub to AssistantKit.</summary>
public static class RealtimeHubBuilderExtensions
{
    /// <summary>
    /// Registers the hub core that any transport endpoint builds on: <see cref="RealtimeHub"/> and
    /// <see cref="IRealtimePublisher"/>, <see cref="RealtimeServerOptions"/> validated when the host starts, the system
    /// clock and the in-memory backplane unless another of each is registered. Every registration is a <c>TryAdd</c>, so
    /// a host's own registration wins; calling it more than once registers nothing twice. ASP.NET Core hosts call
    /// <c>AddRealtime()</c> (AssistantKit.Realtime.AspNetCore), which calls this.
    /// </summary>
    /// <param name="builder">The AssistantKit builder.</param>
    /// <returns>The builder.</returns>
    public static IAssistantKitBuilder AddRealtimeHub(this IAssistantKitBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<RealtimeServerOptions, RealtimeServerOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRealtimeBackplane, InMemoryRealtimeBackplane>();
        services.TryAddSingleton<RealtimeHub>();
        services.TryAddSingleton<IRealtimePublisher>(static sp => sp.GetRequiredService<RealtimeHub>());
        return builder;
    }
}
