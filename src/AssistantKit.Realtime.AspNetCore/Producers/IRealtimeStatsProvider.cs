namespace AssistantKit.Realtime;

/// <summary>
/// Supplies figures for <c>stats_update</c> (for example active conversations, messages today). Register with
/// <c>AddStats&lt;T&gt;()</c>. Called on the producer's interval; an exception is logged and that provider's figures are
/// left out of that sample.
/// </summary>
public interface IRealtimeStatsProvider
{
    /// <summary>Gets the current figures by name.</summary>
    /// <param name="cancellationToken">Cancels sampling.</param>
    /// <returns>The figures.</returns>
    ValueTask<IReadOnlyDictionary<string, double>> GetStatsAsync(CancellationToken cancellationToken);
}
