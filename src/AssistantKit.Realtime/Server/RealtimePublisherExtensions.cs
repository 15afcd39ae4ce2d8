using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AssistantKit.Realtime;

/// <summary>Typed publishing on <see cref="IRealtimePublisher"/>.</summary>
public static class RealtimePublisherExtensions
{
    /// <summary>Publishes an event with a payload serialized by source-generated metadata (trimming and AOT safe).</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="publisher">The publisher.</param>
    /// <param name="type">The event type.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="typeInfo">The payload's JSON metadata.</param>
    /// <param name="audience">Who receives it.</param>
    /// <param name="cancellationToken">Cancels publishing.</param>
    /// <returns>The event's sequence number.</returns>
    public static ValueTask<long> PublishAsync<T>(this IRealtimePublisher publisher, string type, T payload, JsonTypeInfo<T> typeInfo, RealtimeAudience audience = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        return publisher.PublishAsync(type, JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo), audience, cancellationToken);
    }

    /// <summary>Publishes an event with a payload serialized by reflection (camelCase web defaults).</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="publisher">The publisher.</param>
    /// <param name="type">The event type.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="audience">Who receives it.</param>
    /// <param name="cancellationToken">Cancels publishing.</param>
    /// <returns>The event's sequence number.</returns>
    [RequiresUnreferencedCode("Serializes with reflection; use the overload taking a JsonTypeInfo for trimmed or AOT apps.")]
    [RequiresDynamicCode("Serializes with reflection; use the overload taking a JsonTypeInfo for trimmed or AOT apps.")]
    public static ValueTask<long> PublishAsync<T>(this IRealtimePublisher publisher, string type, T payload, RealtimeAudience audience = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        return publisher.PublishAsync(type, JsonSerializer.SerializeToUtf8Bytes(payload, JsonSerializerOptions.Web), audience, cancellationToken);
    }

    /// <summary>Publishes a <c>system_health</c> event.</summary>
    /// <param name="publisher">The publisher.</param>
    /// <param name="update">The payload.</param>
    /// <param name="audience">Who receives it.</param>
    /// <param name="cancellationToken">Cancels publishing.</param>
    /// <returns>The event's sequence number.</returns>
    public static ValueTask<long> PublishSystemHealthAsync(this IRealtimePublisher publisher, SystemHealthUpdate update, RealtimeAudience audience = default, CancellationToken cancellationToken = default) =>
        publisher.PublishAsync(RealtimeEventTypes.SystemHealth, update, RealtimeJsonContext.Default.SystemHealthUpdate, audience, cancellationToken);

    /// <summary>Publishes a <c>stats_update</c> event.</summary>
    /// <param name="publisher">The publisher.</param>
    /// <param name="update">The payload.</param>
    /// <param name="audience">Who receives it.</param>
    /// <param name="cancellationToken">Cancels publishing.</param>
    /// <returns>The event's sequence number.</returns>
    public static ValueTask<long> PublishStatsAsync(this IRealtimePublisher publisher, StatsUpdate update, RealtimeAudience audience = default, CancellationToken cancellationToken = default) =>
        publisher.PublishAsync(RealtimeEventTypes.StatsUpdate, update, RealtimeJsonContext.Default.StatsUpdate, audience, cancellationToken);

    /// <summary>Publishes an <c>activity</c> event.</summary>
    /// <param name="publisher">The publisher.</param>
    /// <param name="activity">The payload.</param>
    /// <param name="audience">Who receives it.</param>
    /// <param name="cancellationToken">Cancels publishing.</param>
    /// <returns>The event's sequence number.</returns>
    public static ValueTask<long> PublishActivityAsync(this IRealtimePublisher publisher, ActivityEvent activity, RealtimeAudience audience = default, CancellationToken cancellationToken = default) =>
        publisher.PublishAsync(RealtimeEventTypes.Activity, activity, RealtimeJsonContext.Default.ActivityEvent, audience, cancellationToken);

    /// <summary>Publishes a <c>user_status</c> event.</summary>
    /// <param name="publisher">The publisher.</param>
    /// <param name="status">The payload.</param>
    /// <param name="audience">Who receives it.</param>
    /// <param name="cancellationToken">Cancels publishing.</param>
    /// <returns>The event's sequence number.</returns>
    public static ValueTask<long> PublishUserStatusAsync(this IRealtimePublisher publisher, UserStatusUpdate status, RealtimeAudience audience = default, CancellationToken cancellationToken = default) =>
        publisher.PublishAsync(RealtimeEventTypes.UserStatus, status, RealtimeJsonContext.Default.UserStatusUpdate, audience, cancellationToken);

    /// <summary>Publishes a <c>notification</c> event.</summary>
    /// <param name="publisher">The publisher.</param>
    /// <param name="notification">The payload.</param>
    /// <param name="audience">Who receives it.</param>
    /// <param name="cancellationToken">Cancels publishing.</param>
    /// <returns>The event's sequence number.</returns>
    public static ValueTask<long> PublishNotificationAsync(this IRealtimePublisher publisher, Notification notification, RealtimeAudience audience = default, CancellationToken cancellationToken = default) =>
        publisher.PublishAsync(RealtimeEventTypes.Notification, notification, RealtimeJsonContext.Default.Notification, audience, cancellationToken);

    /// <summary>Publishes an <c>export_progress</c> event to the job's owner.</summary>
    /// <param name="publisher">The publisher.</param>
    /// <param name="progress">The payload.</param>
    /// <param name="ownerId">The user who owns the job: only their connections receive it.</param>
    /// <param name="cancellationToken">Cancels publishing.</param>
    /// <returns>The event's sequence number.</returns>
    public static ValueTask<long> PublishExportProgressAsync(this IRealtimePublisher publisher, ExportProgress progress, string ownerId, CancellationToken cancellationToken = default) =>
        publisher.PublishAsync(RealtimeEventTypes.ExportProgress, progress, RealtimeJsonContext.Default.ExportProgress, RealtimeAudience.User(ownerId), cancellationToken);
}
