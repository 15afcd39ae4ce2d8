namespace AssistantKit.Realtime;

/// <summary>The data of a <c>stats_update</c> event: named figures, sent when any of them changed.</summary>
/// <param name="Stats">The figures by name, for example <c>activeConversations</c>.</param>
public sealed record StatsUpdate(IReadOnlyDictionary<string, double> Stats);
