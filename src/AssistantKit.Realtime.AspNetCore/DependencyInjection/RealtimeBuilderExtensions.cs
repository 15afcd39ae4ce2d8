using AssistantKit.Realtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AssistantKit;

/// <summary>Adds the realtime event stream to AssistantKit.</summary>
public static class RealtimeBuilderExtensions
{
    /// <summary>
    /// Registers the realtime hub (<see cref="IRealtimePublisher"/>, <see cref="RealtimeHub"/>) with the in-memory backplane
    /// unless another is registered, and the access-token handling for browsers. Map the endpoint with
    /// <c>app.MapAssistantKitRealtime("/realtime")</c>. Calling it more than once registers nothing twice.
    /// </summary>
    /// <param name="builder">The AssistantKit builder.</param>
    /// <returns>The realtime builder, for producers and backplanes.</returns>
    public static IRealtimeBuilder AddRealtime(this IAssistantKitBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddRealtimeHub();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, AccessTokenStartupFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, RealtimeShutdown>());
        return new RealtimeBuilder(services);
    }

    /// <summary>Registers realtime as <see cref="AddRealtime(IAssistantKitBuilder)"/> does and configures the server (validated when the host starts).</summary>
    /// <param name="builder">The AssistantKit builder.</param>
    /// <param name="configure">Configures <see cref="RealtimeServerOptions"/>.</param>
    /// <returns>The realtime builder.</returns>
    public static IRealtimeBuilder AddRealtime(this IAssistantKitBuilder builder, Action<RealtimeServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var realtime = builder.AddRealtime();
        realtime.Services.Configure(configure);
        return realtime;
    }

    private sealed class RealtimeBuilder(IServiceCollection services) : IRealtimeBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
