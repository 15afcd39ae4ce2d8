using System.Text.Json;
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

/// <summary>Severity of an alert or a notification.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertLevel>))]
public enum AlertLevel
{
    /// <summary><c>info</c>.</summary>
    [JsonStringEnumMemberName("info")] Info,

    /// <summary><c>success</c>.</summary>
    [JsonStringEnumMemberName("success")] Success,

    /// <summary><c>warning</c>.</summary>
    [JsonStringEnumMemberName("warning")] Warning,

    /// <summary><c>error</c>.</summary>
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>Presence of a user in a <see cref="UserStatusUpdate"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UserPresence>))]
public enum UserPresence
{
    /// <summary><c>offline</c>: no open connection.</summary>
    [JsonStringEnumMemberName("offline")] Offline,

    /// <summary><c>online</c>: at least one open connection.</summary>
    [JsonStringEnumMemberName("online")] Online,

    /// <summary><c>away</c>: connected but idle (set by the host).</summary>
    [JsonStringEnumMemberName("away")] Away,
}

/// <summary>The data of a <c>system_health</c> event: <c>{status, performance: {cpuUsage, memoryUsage, responseTime, uptime}, alerts}</c>.</summary>
/// <param name="Status">The overall status: the level of the worst raised alert.</param>
/// <param name="Performance">The headline figures.</param>
/// <param name="Alerts">The alerts raised now; an alert keeps its <see cref="HealthAlert.Id"/> until it clears.</param>
/// <param name="Runtime">Further .NET runtime figures; an addition to the original shape.</param>
public sealed record SystemHealthUpdate(HealthStatus Status, PerformanceMetrics Performance, IReadOnlyList<HealthAlert> Alerts, RuntimeMetrics? Runtime = null);

/// <summary>Headline figures of a <see cref="SystemHealthUpdate"/>.</summary>
/// <param name="CpuUsage">Process CPU use in percent of all cores (0 to 100).</param>
/// <param name="MemoryUsage">Process working set in percent of the memory available to the process (0 to 100).</param>
/// <param name="ResponseTime">Median HTTP response time in milliseconds over the recent window; 0 when no request was measured.</param>
/// <param name="Uptime">Seconds since the process started.</param>
public sealed record PerformanceMetrics(double CpuUsage, double MemoryUsage, double ResponseTime, double Uptime);

/// <summary>.NET runtime figures sent with <see cref="SystemHealthUpdate"/>.</summary>
/// <param name="WorkingSetBytes">Process working set in bytes.</param>
/// <param name="GcHeapBytes">Managed heap size in bytes.</param>
/// <param name="Gen0Collections">Generation 0 collections since start.</param>
/// <param name="Gen1Collections">Generation 1 collections since start.</param>
/// <param name="Gen2Collections">Generation 2 collections since start.</param>
/// <param name="ThreadPoolThreads">Thread pool threads.</param>
/// <param name="ThreadPoolQueueLength">Work items waiting for the thread pool.</param>
/// <param name="ResponseTimeP95">95th percentile HTTP response time in milliseconds.</param>
/// <param name="ResponseTimeP99">99th percentile HTTP response time in milliseconds.</param>
/// <param name="RequestsMeasured">Requests in the response-time window.</param>
public sealed record RuntimeMetrics(
    long WorkingSetBytes,
    long GcHeapBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    int ThreadPoolThreads,
    long ThreadPoolQueueLength,
    double ResponseTimeP95,
    double ResponseTimeP99,
    int RequestsMeasured);

/// <summary>An alert in a <see cref="SystemHealthUpdate"/>.</summary>
/// <param name="Id">A stable id (for example <c>cpu</c>): the same alert keeps its id while raised, so a UI can update it in place.</param>
/// <param name="Level">The severity.</param>
/// <param name="Message">A human-readable description.</param>
/// <param name="Timestamp">When the alert was raised (or last changed level).</param>
public sealed record HealthAlert(string Id, AlertLevel Level, string Message, DateTimeOffset Timestamp);

/// <summary>The data of a <c>stats_update</c> event: named figures, sent when any of them changed.</summary>
/// <param name="Stats">The figures by name, for example <c>activeConversations</c>.</param>
public sealed record StatsUpdate(IReadOnlyDictionary<string, double> Stats);

/// <summary>The data of an <c>activity</c> event.</summary>
/// <param name="Id">A unique id.</param>
/// <param name="Kind">What happened, for example <c>conversation_started</c> or <c>export_completed</c>.</param>
/// <param name="Message">A human-readable description.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="UserId">Who did it, when known.</param>
/// <param name="UserName">Their display name, when known.</param>
public sealed record ActivityEvent(string Id, string Kind, string Message, DateTimeOffset Timestamp, string? UserId = null, string? UserName = null);

/// <summary>The data of a <c>user_status</c> event.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Status">Their presence.</param>
/// <param name="Connections">Their open connections (browser tabs, devices).</param>
/// <param name="LastSeen">When the user was last connected.</param>
/// <param name="UserName">Their display name, when known.</param>
public sealed record UserStatusUpdate(string UserId, UserPresence Status, int Connections, DateTimeOffset LastSeen, string? UserName = null);

/// <summary>The data of a <c>notification</c> event.</summary>
/// <param name="Id">A unique id.</param>
/// <param name="Level">The severity.</param>
/// <param name="Title">A short title.</param>
/// <param name="Message">The text.</param>
/// <param name="Timestamp">When it was raised.</param>
public sealed record Notification(string Id, AlertLevel Level, string Title, string Message, DateTimeOffset Timestamp);

/// <summary>The data of the <see cref="RealtimeEventTypes.Reset"/> event a <see cref="RealtimeClient"/> raises when it could not resume without loss.</summary>
/// <param name="Reason"><c>gap</c> (the missed events are older than the replay window), <c>epoch</c> (the server's history was replaced, for example by a restart) or <c>ahead</c> (the client's position is newer than the server's).</param>
/// <param name="Epoch">The stream epoch from now on.</param>
/// <param name="Seq">The stream position from which events are delivered again.</param>
public sealed record RealtimeReset(string Reason, string Epoch, long Seq);

/// <summary>JSON metadata of the realtime payloads, for trimmed and AOT apps.</summary>
public static class RealtimeJson
{
    /// <summary>Gets source-generated metadata (camelCase, enums as strings) of the payload types in this package; combine it with your own with <c>JsonTypeInfoResolver.Combine</c>.</summary>
    public static System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver TypeInfoResolver => RealtimeJsonContext.Default;
}

/// <summary>Source-generated JSON metadata of the realtime payloads (camelCase, enums as strings).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SystemHealthUpdate))]
[JsonSerializable(typeof(StatsUpdate))]
[JsonSerializable(typeof(ActivityEvent))]
[JsonSerializable(typeof(UserStatusUpdate))]
[JsonSerializable(typeof(Notification))]
[JsonSerializable(typeof(RealtimeReset))]
internal sealed partial class RealtimeJsonContext : JsonSerializerContext;
