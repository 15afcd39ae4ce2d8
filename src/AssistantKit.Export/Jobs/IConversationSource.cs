namespace AssistantKit.Export;

/// <summary>
/// Where background export jobs read conversations from: the host's own database or API. Register one implementation;
/// export jobs and scheduled exports call it on whichever server runs them.
/// </summary>
public interface IConversationSource
{
    /// <summary>Loads one of the owner's conversations.</summary>
    /// <param name="ownerId">The owner the job runs for; return <see langword="null"/> for a conversation that is not theirs.</param>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The conversation, or <see langword="null"/> when the owner has none with that id. Throw when it exists but cannot be read; the job records the message.</returns>
    ValueTask<Conversation?> GetAsync(string ownerId, string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Lists the ids of the owner's conversations updated (or, lacking that, created) within <paramref name="range"/>; used by scheduled exports.</summary>
    /// <param name="ownerId">The owner.</param>
    /// <param name="range">The time range.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ids.</returns>
    IAsyncEnumerable<string> ListIdsAsync(string ownerId, DateRange range, CancellationToken cancellationToken = default);
}
