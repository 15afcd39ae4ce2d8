using System.Text.Json;
using System.Text.Json.Serialization;

namespace AssistantKit.Realtime;

/// <summary>Source-generated JSON metadata of the realtime payloads (camelCase, enums as strings).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SystemHealthUpdate))]
[JsonSerializable(typeof(StatsUpdate))]
[JsonSerializable(typeof(ActivityEvent))]
[JsonSerializable(typeof(UserStatusUpdate))]
[JsonSerializable(typeof(Notification))]
[JsonSerializable(typeof(ExportProgress))]
[JsonSerializable(typeof(RealtimeReset))]
internal sealed partial class RealtimeJsonContext : JsonSerializerContext;
