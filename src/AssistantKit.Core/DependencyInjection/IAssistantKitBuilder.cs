namespace AssistantKit;

/// <summary>
/// Configures AssistantKit in a service collection. Returned by <c>AddAssistantKit()</c>; each feature
/// package adds its own extension (<c>AddExport()</c>, <c>AddTemplates()</c>, <c>AddRealtime()</c> …).
/// </summary>
public interface IAssistantKitBuilder
{
    /// <summary>Gets the service collection AssistantKit registers into.</summary>
    Microsoft.Extensions.DependencyInjection.IServiceCollection Services { get; }
}
