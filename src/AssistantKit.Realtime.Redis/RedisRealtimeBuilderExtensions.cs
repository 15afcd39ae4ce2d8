using AssistantKit.Realtime;
using AssistantKit.Realtime.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AssistantKit;

/// <summary>Adds the Redis backplane to realtime.</summary>
public static class RedisRealtimeBuilderExtensions
{
    /// <summary>Replaces the in-memory backplane with Redis, so that several servers share one event stream and clients resume on any of them.</summary>
    /// <param name="builder">The realtime builder.</param>
    /// <param name="configure">Sets at least <see cref="RedisBackplaneOptions.Configuration"/>.</param>
    /// <returns>The builder.</returns>
    public static IRealtimeBuilder AddRedisBackplane(this IRealtimeBuilder builder, Action<RedisBackplaneOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddValidatedOptions<RedisBackplaneOptions, RedisBackplaneOptionsValidator>();
        builder.Services.Configure(configure);
        builder.Services.Replace(ServiceDescriptor.Singleton<IRealtimeBackplane, RedisRealtimeBackplane>());
        return builder;
    }
}
