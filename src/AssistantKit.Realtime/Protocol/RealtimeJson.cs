namespace AssistantKit.Realtime;

/// <summary>JSON metadata of the realtime payloads, for trimmed and AOT apps.</summary>
public static class RealtimeJson
{
    /// <summary>Gets source-generated metadata (camelCase, enums as strings) of the payload types in this package; combine it with your own with <c>JsonTypeInfoResolver.Combine</c>.</summary>
    public static System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver TypeInfoResolver => RealtimeJsonContext.Default;
}
