using System.Text.Json.Serialization;

namespace AssistantKit.Realtime;

/// <summary>Overall health in a <see cref="SystemHealthUpdate"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HealthStatus>))]
public enum HealthStatus
{
    /// <summary><c>healthy</c>: no alert is raised.</summary>
    [JsonStringEnumMemberName("healthy")] Healthy,

    /// <summary><c>warning</c>: at least one warning alert is raised.</summary>
    [JsonStringEnumMemberName("warning")] Warning,

    /// <summary><c>error</c>: at least one error alert is raised.</summary>
    [JsonStringEnumMemberName("error")] Error,
}
