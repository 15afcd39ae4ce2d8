using System.Text.Json;
using System.Text.Json.Serialization;

namespace AssistantKit.Serialization;

/// <summary>Reads and writes <see cref="MessageRole"/> as <c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>; nothing else.</summary>
internal sealed class MessageRoleConverter : JsonConverter<MessageRole>
{
    public override MessageRole Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("user"u8))
            {
                return MessageRole.User;
            }

            if (reader.ValueTextEquals("assistant"u8))
            {
                return MessageRole.Assistant;
            }

            if (reader.ValueTextEquals("system"u8))
            {
                return MessageRole.System;
            }

            if (reader.ValueTextEquals("tool"u8))
            {
                return MessageRole.Tool;
            }
        }

        throw new JsonException($"Unknown message role {Describe(ref reader)}; expected one of \"system\", \"user\", \"assistant\", \"tool\".");
    }

    public override void Write(Utf8JsonWriter writer, MessageRole value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToWireName());

    private static string Describe(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? $"\"{reader.GetString()}\"" : reader.TokenType.ToString();
}

/// <summary>
/// Reads ISO-8601 timestamps; one without an offset is taken as UTC rather than as the machine's local time,
/// so the same file reads the same everywhere. Writes the round-trip form with the offset.
/// </summary>
internal sealed class TimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out var dateTime))
        {
            return dateTime.Kind == DateTimeKind.Unspecified
                ? new DateTimeOffset(dateTime, TimeSpan.Zero)
                : reader.GetDateTimeOffset();
        }

        throw new JsonException("Expected an ISO-8601 timestamp such as \"2025-01-31T14:05:00+01:00\".");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
