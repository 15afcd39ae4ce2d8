namespace AssistantKit.Import;

/// <summary>
/// Orders the messages of a branched conversation (ChatGPT mapping, LibreChat and Open WebUI trees): the current branch
/// (from a leaf up through the parents), or every branch depth-first. Cycles, missing parents and duplicate ids end a
/// walk instead of looping.
/// </summary>
internal sealed class MessageTree<T>
{
    private readonly Dictionary<string, (string? Parent, T Value)> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _children = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>
    /// Adds a node and returns the id it is kept under: its own, or, when an earlier node has the same id, the id with
    /// <c>~2</c>, <c>~3</c> … appended (children naming the id stay with the first node). Nothing is dropped.
    /// </summary>
    public string Add(string id, string? parentId, T value)
    {
        var unique = id;
        for (var n = 2; _nodes.ContainsKey(unique); n++)
        {
            unique = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{id}~{n}");
        }

        _nodes.Add(unique, (parentId, value));
        id = unique;
        _order.Add(id);
        if (parentId is not null)
        {
            if (!_children.TryGetValue(parentId, out var list))
            {
                _children[parentId] = list = [];
            }

            list.Add(id);
        }

        return id;
    }

    /// <summary>The leaves (nodes without children), in input order.</summary>
    public IEnumerable<TreeNode<T>> Leaves() =>
        _order.Where(id => !_children.TryGetValue(id, out var children) || children.Count == 0).Select(Node);

    public int Count => _nodes.Count;

    /// <summary>The branch ending at <paramref name="leafId"/>, root first; when the leaf is unknown, the branch of the last child at every level from the first root.</summary>
    public List<TreeNode<T>> Branch(string? leafId)
    {
        if (leafId is null || !_nodes.ContainsKey(leafId))
        {
            leafId = DefaultLeaf();
        }

        var branch = new List<TreeNode<T>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var id = leafId; id is not null && seen.Add(id) && _nodes.TryGetValue(id, out var node); id = node.Parent)
        {
            branch.Add(new TreeNode<T>(id, node.Parent, node.Value));
        }

        branch.Reverse();
        return branch;
    }

    /// <summary>
    /// Every node, depth-first from the roots in input order (parents before children), with the branch to
    /// <paramref name="shownLeaf"/> visited last at every level, so that the shown branch ends with the last node (the rule
    /// <see cref="Conversation.Messages"/> documents); nodes only reachable through a cycle come last.
    /// </summary>
    public List<TreeNode<T>> All(string? shownLeaf = null)
    {
        var onShownBranch = new HashSet<string>(Branch(shownLeaf).Select(static n => n.Id), StringComparer.Ordinal);
        var result = new List<TreeNode<T>>(_nodes.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var roots = Roots().ToList();
        foreach (var root in roots.Where(r => !onShownBranch.Contains(r)).Concat(roots.Where(onShownBranch.Contains)).Concat(_order))
        {
            stack.Push(root);
            while (stack.Count > 0)
            {
                var id = stack.Pop();
                if (!seen.Add(id) || !_nodes.TryGetValue(id, out var node))
                {
                    continue;
                }

                result.Add(new TreeNode<T>(id, node.Parent, node.Value));
                if (_children.TryGetValue(id, out var children))
                {
                    // Pushed in reverse, so popped in input order; the child on the shown branch is pushed first, popped last.
                    foreach (var child in children.Where(onShownBranch.Contains))
                    {
                        stack.Push(child);
                    }

                    for (var i = children.Count - 1; i >= 0; i--)
                    {
                        if (!onShownBranch.Contains(children[i]))
                        {
                            stack.Push(children[i]);
                        }
                    }
                }
            }
        }

        return result;
    }

    private TreeNode<T> Node(string id) => new(id, _nodes[id].Parent, _nodes[id].Value);

    private IEnumerable<string> Roots() => _order.Where(id => _nodes[id].Parent is not { } parent || !_nodes.ContainsKey(parent));

    private string? DefaultLeaf()
    {
        var id = Roots().FirstOrDefault() ?? _order.FirstOrDefault();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (id is not null && seen.Add(id) && _children.TryGetValue(id, out var children) && children.Count > 0)
        {
            id = children[^1];
        }

        return id;
    }
}

/// <summary>A node of a <see cref="MessageTree{T}"/>: the id it is kept under (unique), its parent's id as the source gave it, and its value.</summary>
internal readonly record struct TreeNode<T>(string Id, string? ParentId, T Value);
