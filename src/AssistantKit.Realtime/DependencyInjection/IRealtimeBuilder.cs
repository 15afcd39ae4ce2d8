namespace AssistantKit.Realtime;

/// <summary>Configures AssistantKit realtime; returned by <c>AddRealtime()</c> and extended by producers and backplanes (<c>AddSystemHealth()</c>, <c>AddRedisBackplane()</c> …).</summary>
public interface IRealtimeBuilder
{
    /// <summary>Gets the service collection.</summary>
    Microsoft.Extensions.DependencyInjection.IServiceCollection Services { get; }
}
