namespace AssistantKit.Export;

/// <summary>
/// A branched conversation as a document shows it: the branch that ends with the last message (the rule
/// <see cref="Conversation.Messages"/> documents), and, for each of its messages, the other replies to the same message
/// (each with the replies below it). Messages on no branch (an unchained system prompt) stay where they are.
/// </summary>
internal sealed class BranchView
{
    private readonly Dictionary<string, List<IReadOnlyList<ConversationMessage>>> _alternatives;

    private BranchView(IReadOnlyList<ConversationMessage> shown, Dictionary<string, List<IReadOnlyList<ConversationMessage>>> alternatives)
    {
        Shown = shown;
        _alternatives = alternatives;
    }

    /// <summary>Gets the messages the document shows, in conversation order.</summary>
    public IReadOnlyList<ConversationMessage> Shown { get; }

    /// <summary>Gets the other versions of <paramref name="messageId"/>, each with its replies, in conversation order.</summary>
    public IReadOnlyList<IReadOnlyList<ConversationMessage>> AlternativesOf(string messageId) =>
        _alternatives.TryGetValue(messageId, out var list) ? list : [];

    /// <summary>The view, or <see langword="null"/> when no message has two replies (nothing to choose between).</summary>
    public static BranchView? Of(IReadOnlyList<ConversationMessage> messages)
    {
        var replies = new Dictionary<string, List<ConversationMessage>>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (message?.ParentId is { } parent)
            {
                if (!replies.TryGetValue(parent, out var list))
                {
                    replies[parent] = list = [];
                }

                list.Add(message);
            }
        }

        if (!replies.Values.Any(static r => r.Count > 1))
        {
            return null;
        }

        var byId = new Dictionary<string, ConversationMessage>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (message?.Id is { } id)
            {
                byId.TryAdd(id, message);
            }
        }

        // The shown branch: from the last message up through the parents.
        var path = new List<ConversationMessage>();
        var onPath = new HashSet<ConversationMessage>(ReferenceEqualityComparer.Instance);
        for (var message = messages[^1]; message is not null && onPath.Add(message); message = message.ParentId is { } parent ? byId.GetValueOrDefault(parent) : null)
        {
            path.Add(message);
        }

        var alternatives = new Dictionary<string, List<IReadOnlyList<ConversationMessage>>>(StringComparer.Ordinal);
        var hidden = new HashSet<ConversationMessage>(ReferenceEqualityComparer.Instance);
        foreach (var message in path)
        {
            foreach (var sibling in message.ParentId is { } parent ? replies[parent] : [])
            {
                if (!onPath.Contains(sibling) && !hidden.Contains(sibling))
                {
                    var subtree = Subtree(sibling, replies, hidden);
                    if (!alternatives.TryGetValue(message.Id ?? "", out var list))
                    {
                        alternatives[message.Id ?? ""] = list = [];
                    }

                    list.Add(subtree);
                }
            }
        }

        var order = new Dictionary<ConversationMessage, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is { } message)
            {
                order.TryAdd(message, i);
            }
        }

        foreach (var list in alternatives.Values)
        {
            foreach (var subtree in list)
            {
                ((List<ConversationMessage>)subtree).Sort((a, b) => order[a].CompareTo(order[b]));
            }
        }

        return new BranchView(messages.Where(m => m is null || !hidden.Contains(m)).ToList(), alternatives);
    }

    /// <summary>A message and every reply below it, iteratively (a deep tree cannot overflow the stack).</summary>
    private static List<ConversationMessage> Subtree(ConversationMessage root, Dictionary<string, List<ConversationMessage>> replies, HashSet<ConversationMessage> hidden)
    {
        var subtree = new List<ConversationMessage>();
        var stack = new Stack<ConversationMessage>([root]);
        while (stack.TryPop(out var message))
        {
            if (hidden.Add(message))
            {
                subtree.Add(message);
                foreach (var reply in message.Id is { } id && replies.TryGetValue(id, out var list) ? list : [])
                {
                    stack.Push(reply);
                }
            }
        }

        return subtree;
    }
}
