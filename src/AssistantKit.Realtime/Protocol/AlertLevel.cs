using System.Text.Json.Serialization;

namespace AssistantKit.Realtime;

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
