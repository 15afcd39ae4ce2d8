using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace AssistantKit.Export.Pdf.Layout;

/// <summary>
/// Lays out messages on several threads and hands their lines back in message order, for the paginator, which stays
/// sequential. Each worker has its own fonts state, shaper and layout (nothing shared, so no lock); at most twice the
/// degree of parallelism messages are in flight, so memory stays bounded. With a degree of 1 everything runs inline.
/// </summary>
internal sealed class MessageLayouts(Func<LayoutWorker> create, int degree)
{
    private readonly ConcurrentBag<LayoutWorker> _idle = [];
    private readonly List<LayoutWorker> _all = [];

    /// <summary>Gets every worker created so far (their fonts hold the glyphs they used).</summary>
    public IReadOnlyList<LayoutWorker> Workers
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public async IAsyncEnumerable<List<PdfLine>> LayOutAsync(IAsyncEnumerable<(ConversationMessage Message, string? Bookmark)> messages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (degree <= 1)
        {
            var worker = Rent();
            await foreach (var (message, bookmark) in messages.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return worker.Layout.Message(message, bookmark);
            }

            _idle.Add(worker);
            yield break;
        }

        var pending = new Queue<Task<List<PdfLine>>>();
        await foreach (var (message, bookmark) in messages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            pending.Enqueue(Task.Run(() =>
            {
                var worker = Rent();
                try
                {
                    return worker.Layout.Message(message, bookmark);
                }
                finally
                {
                    _idle.Add(worker);
                }
            }, cancellationToken));
            if (pending.Count >= degree * 2)
            {
                yield return await pending.Dequeue().ConfigureAwait(false);
            }
        }

        while (pending.Count > 0)
        {
            yield return await pending.Dequeue().ConfigureAwait(false);
        }
    }

    private LayoutWorker Rent()
    {
        if (_idle.TryTake(out var worker))
        {
            return worker;
        }

        worker = create();
        lock (_all)
        {
            _all.Add(worker);
        }

        return worker;
    }
}
