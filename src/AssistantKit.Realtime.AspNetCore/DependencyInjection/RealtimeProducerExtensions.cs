using System.Diagnostics.CodeAnalysis;
using AssistantKit.Realtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AssistantKit;

/// <summary>Adds the opt-in event producers to realtime.</summary>
public static class RealtimeProducerExtensions
{
    /// <summary>
    /// Publishes <c>system_health</c> every <see cref="SystemHealthOptions.Interval"/>: CPU, memory, response time (measured by a
    /// middleware added first in the pipeline), uptime, .NET runtime figures, and alerts from thresholds.
    /// </summary>
    /// <param name="builder">The realtime builder.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>The builder.</returns>
    public static IRealtimeBuilder AddSystemHealth(this IRealtimeBuilder builder, Action<SystemHealthOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(static sp => new RequestLatencyRecorder(sp.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, RequestLatencyStartupFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SystemHealthProducer>());
        Configure<SystemHealthOptions, SystemHealthOptionsValidator>(services, configure);
        return builder;
    }

    /// <summary>
    /// Publishes <c>user_status</c> when authenticated users come online (first connection) or go offline (last connection
    /// closed for <see cref="PresenceOptions.OfflineDelay"/>), and registers <see cref="IRealtimePresence"/>.
    /// </summary>
    /// <param name="builder">The realtime builder.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>The builder.</returns>
    public static IRealtimeBuilder AddPresence(this IRealtimeBuilder builder, Action<PresenceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton<PresenceTracker>();
        services.TryAddSingleton<IRealtimePresence>(static sp => sp.GetRequiredService<PresenceTracker>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRealtimeConnectionObserver, PresenceTracker>(static sp => sp.GetRequiredService<PresenceTracker>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PresenceTracker>(static sp => sp.GetRequiredService<PresenceTracker>()));
        Configure<PresenceOptions, PresenceOptionsValidator>(services, configure);
        return builder;
    }

    /// <summary>Adds a stats provider and the producer that publishes <c>stats_update</c> when the figures change.</summary>
    /// <typeparam name="TProvider">The provider, registered as a singleton.</typeparam>
    /// <param name="builder">The realtime builder.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>The builder.</returns>
    public static IRealtimeBuilder AddStats<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>(this IRealtimeBuilder builder, Action<StatsOptions>? configure = null)
        where TProvider : class, IRealtimeStatsProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRealtimeStatsProvider, TProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StatsProducer>());
        Configure<StatsOptions, StatsOptionsValidator>(services, configure);
        return builder;
    }

    private static void Configure<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(IServiceCollection services, Action<TOptions>? configure)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddValidatedOptions<TOptions, TValidator>();
        if (configure is not null)
        {
            services.Configure(configure);
        }
    }
}
