using System.Text.Json.Serialization;

namespace AssistantKit.Export.Jobs;

/// <summary>How a job's options and conversation ids are kept in its record and in Quartz's job data.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ExportOptions))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class ExportJobsJsonContext : JsonSerializerContext;
