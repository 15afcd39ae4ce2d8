using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AssistantKit.Realtime;

/// <summary>An event received from the realtime stream.</summary>
/// <param name="Type">The event type, for example <see cref="RealtimeEventTypes.SystemHealth"/>.</param>
/// <param name="Data">The event's payload as JSON.</param>
/// <param name="Timestamp">When the event was published.</param>
/// <param name="Seq">The event's position in its stream: increasing, unique per stream epoch; 0 for <see cref="RealtimeEventTypes.Reset"/>.</param>
/// <param name="Id">The event's id, unique across epochs; <see langword="null"/> when the server did not send one.</param>
public sealed record RealtimeEvent(string Type, JsonElement Data, DateTimeOffset Timestamp, long Seq, string? Id)
{
    /// <summary>Reads <see cref="Data"/> as <typeparamref name="T"/> with source-generated metadata.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="typeInfo">The payload's JSON metadata.</param>
    /// <returns>The payload.</returns>
    /// <exception cref="JsonException">The payload does not have the expected shape.</exception>
    public T GetData<T>(JsonTypeInfo<T> typeInfo) =>
        Data.Deserialize(typeInfo) ?? throw new JsonException($"The '{Type}' event (seq {Seq}) has no data.");

    /// <summary>Reads the payload of a <see cref="RealtimeEventTypes.SystemHealth"/> event.</summary>
    /// <returns>The payload.</returns>
    public SystemHealthUpdate AsSystemHealth() => GetData(RealtimeJsonContext.Default.SystemHealthUpdate);

    /// <summary>Reads the payload of a <see cref="RealtimeEventTypes.StatsUpdate"/> event.</summary>
    /// <returns>The payload.</returns>
    public StatsUpdate AsStats() => GetData(RealtimeJsonContext.Default.StatsUpdate);

    /// <summary>Reads the payload of an <see cref="RealtimeEventTypes.Activity"/> event.</summary>
    /// <returns>The payload.</returns>
    public ActivityEvent AsActivity() => GetData(RealtimeJsonContext.Default.ActivityEvent);

    /// <summary>Reads the payload of a <see cref="RealtimeEventTypes.UserStatus"/> event.</summary>
    /// <returns>The payload.</returns>
    public UserStatusUpdate AsUserStatus() => GetData(RealtimeJsonContext.Default.UserStatusUpdate);

    /// <summary>Reads the payload of a <see cref="RealtimeEventTypes.Notification"/> event.</summary>
    /// <returns>The payload.</returns>
    public Notification AsNotification() => GetData(RealtimeJsonContext.Default.Notification);

    /// <summary>Reads the payload of a <see cref="RealtimeEventTypes.ExportProgress"/> event.</summary>
    /// <returns>The payload.</returns>
    public ExportProgress AsExportProgress() => GetData(RealtimeJsonContext.Default.ExportProgress);

    /// <summary>Reads the payload of a <see cref="RealtimeEventTypes.Reset"/> event.</summary>
    /// <returns>The payload.</returns>
    public RealtimeReset AsReset() => GetData(RealtimeJsonContext.Default.RealtimeReset);
}
