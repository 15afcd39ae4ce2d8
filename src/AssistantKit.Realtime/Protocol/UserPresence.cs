using System.Text.Json.Serialization;

namespace AssistantKit.Realtime;

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
