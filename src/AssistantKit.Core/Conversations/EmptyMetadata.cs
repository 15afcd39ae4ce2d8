using System.Collections.ObjectModel;
using System.Text.Json;

namespace AssistantKit;

internal static class EmptyMetadata
{
    public static readonly IReadOnlyDictionary<string, JsonElement> Instance = ReadOnlyDictionary<string, JsonElement>.Empty;
}
