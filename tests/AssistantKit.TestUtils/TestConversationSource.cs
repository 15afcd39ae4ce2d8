using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AssistantKit.Export;

namespace AssistantKit.TestUtils;

/// <summary>
/// The host's conversations as export jobs see them, by id: <c>c-…</c> is a conversation of <see cref="MessagesPerConversation"/>
/// messages owned by whoever asks, <c>missing-…</c> does not exist, <c>corrupt-…</c> exists but cannot be read (throws),
/// and <c>other-…</c> belongs to somebody else. Each read can be slowed down to keep a job running for a while.
/// </summary>
public sealed class TestConversationSource : IConversationSource
{
    public int MessagesPerConversation { get; init; } = 5;

    /// <summary>Gets or sets how long each read takes.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Gets the ids <see cref="ListIdsAsync"/> returns, for every owner.</summary>
    public IReadOnlyList<string> Listed { get; set; } = ["c-1", "c-2"];

    /// <summary>Gets the end of every range <see cref="ListIdsAsync"/> was asked for, in order (a scheduled export's fire time).</summary>
    public ConcurrentQueue<DateTimeOffset> ListedAt { get; } = new();

    public int Reads => _reads;

    private int _reads;

    public static IReadOnlyList<string> Ids(int count, string prefix = "c-") => [.. Enumerable.Range(1, count).Select(i => $"{prefix}{i}")];

    public async ValueTask<Conversation?> GetAsync(string ownerId, string conversationId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        return conversationId switch
        {
            _ when conversationId.StartsWith("corrupt-", StringComparison.Ordinal) => throw new InvalidDataException($"Conversation {conversationId} is damaged on disk."),
            _ when conversationId.StartsWith("c-", StringComparison.Ordinal) => SampleConversations.Create(MessagesPerConversation, conversationId) with { Title = $"Conversation {conversationId} of {ownerId}" },
            _ => null,
        };
    }

    public async IAsyncEnumerable<string> ListIdsAsync(string ownerId, DateRange range, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ListedAt.Enqueue(range.End ?? default);
        foreach (var id in Listed)
        {
            await Task.Yield();
            yield return id;
        }
    }
}
