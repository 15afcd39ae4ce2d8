using System.Text.Json.Serialization;

namespace AssistantKit.Templates.Serialization;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(AssistantTemplate))]
[JsonSerializable(typeof(List<AssistantTemplate>))]
[JsonSerializable(typeof(StoredTemplateFile))]
internal sealed partial class TemplateJsonContext : JsonSerializerContext;

/// <summary>One version of a stored template on disk.</summary>
internal sealed record StoredTemplateFile
{
    public int SchemaVersion { get; init; } = TemplateJson.SchemaVersion;

    public required int Version { get; init; }

    public required DateTimeOffset SavedAt { get; init; }

    public string? SavedBy { get; init; }

    public string? ChangeNote { get; init; }

    public required AssistantTemplate Template { get; init; }
}
