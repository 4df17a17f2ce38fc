namespace Synclets.Connectors.Memory;

/// <summary>
/// The in-memory store behind both memory connectors: nested dictionaries down to leaves, a hash
/// slot on every interior node, and an undo log so a failed batch leaves no trace.
/// </summary>
internal sealed class MemoryTree<TLeaf>
{
    private readonly Lock _lock = new();
    private readonly Node _root = new();
    private List<Action>? _undo;

    public bool TryGetLeaf(Address address, out TLeaf leaf)
    {
        lock (_lock)
        {
            if (Find(address) is { HasLeaf: true } node)
            {
                leaf = node.Leaf;
                return true;
            }

            leaf = default!;
            return false;
        }
    }

    public void SetLeaf(Address address, TLeaf leaf)
    {
        lock (_lock)
        {
            var node = FindOrCreate(address);
            if (_undo is not null)
            {
                var (hadLeaf, previous) = (node.HasLeaf, node.Leaf);
                _undo.Add(hadLeaf ? () => SetLeaf(address, previous) : () => RemoveLeaf(address));
            }

            node.Leaf = leaf;
            node.HasLeaf = true;
        }
    }

    public void RemoveLeaf(Address address)
    {
        lock (_lock)
        {
            if (Find(address) is not { HasLeaf: true } node)
            {
                return;
            }

            var previous = node.Leaf;
            _undo?.Add(() => SetLeaf(address, previous));
            RemovePath(_root, address, 0);
        }
    }

    public IReadOnlyList<string> GetChildIds(Address parent)
    {
        lock (_lock)
        {
            return Find(parent)?.Children is { } children ? [.. children.Keys] : [];
        }
    }

    public IReadOnlyDictionary<string, TLeaf> GetLeaves(Address leafParent)
    {
        lock (_lock)
        {
            var leaves = new Dictionary<string, TLeaf>(StringComparer.Ordinal);
            if (Find(leafParent)?.Children is { } children)
            {
                foreach (var (id, child) in children)
                {
                    if (child.HasLeaf)
                    {
                        leaves[id] = child.Leaf;
                    }
                }
            }

            return leaves;
        }
    }

    public List<KeyValuePair<Address, TLeaf>> GetAllLeaves()
    {
        lock (_lock)
        {
            var leaves = new List<KeyValuePair<Address, TLeaf>>();
            Collect(_root, Address.Root, leaves);
            return leaves;
        }
    }

    public uint GetHash(Address parent)
    {
        lock (_lock)
        {
            return Find(parent)?.Hash ?? 0;
        }
    }

    public void SetHash(Address parent, uint hash)
    {
        lock (_lock)
        {
            var node = FindOrCreate(parent);
            if (_undo is not null)
            {
                var previous = node.Hash;
                _undo.Add(() => SetHash(parent, previous));
            }

            node.Hash = hash;
        }
    }

    public void BeginBatch()
    {
        lock (_lock)
        {
            if (_undo is not null)
            {
                throw new InvalidOperationException("A batch is already open on this memory connector.");
            }

            _undo = [];
        }
    }

    public void CommitBatch()
    {
        lock (_lock)
        {
            _undo = null;
        }
    }

    public void RollbackBatch()
    {
        lock (_lock)
        {
            var undo = _undo;
            _undo = null;
            for (var i = (undo?.Count ?? 0) - 1; i >= 0; i--)
            {
                undo![i]();
            }
        }
    }

    private Node? Find(Address address)
    {
        var node = _root;
        foreach (var id in address.AsSpan())
        {
            if (node.Children is null || !node.Children.TryGetValue(id, out node))
            {
                return null;
            }
        }

        return node;
    }

    private Node FindOrCreate(Address address)
    {
        var node = _root;
        foreach (var id in address.AsSpan())
        {
            node.Children ??= new(StringComparer.Ordinal);
            if (!node.Children.TryGetValue(id, out var child))
            {
                child = new Node();
                node.Children[id] = child;
            }

            node = child;
        }

        return node;
    }

    // Removes the leaf and every ancestor left without children, so empty parents vanish.
    private static bool RemovePath(Node node, Address address, int index)
    {
        if (index == address.Count)
        {
            node.HasLeaf = false;
            node.Leaf = default!;
            return node.Children is null or { Count: 0 };
        }

        var child = node.Children![address[index]];
        if (RemovePath(child, address, index + 1))
        {
            node.Children.Remove(address[index]);
        }

        return !node.HasLeaf && node.Children.Count == 0;
    }

    private static void Collect(Node node, Address address, List<KeyValuePair<Address, TLeaf>> leaves)
    {
        if (node.HasLeaf)
        {
            leaves.Add(new(address, node.Leaf));
        }

        if (node.Children is not null)
        {
            foreach (var (id, child) in node.Children)
            {
                Collect(child, address.Append(id), leaves);
            }
        }
    }

    private sealed class Node
    {
        public Dictionary<string, Node>? Children;
        public TLeaf Leaf = default!;
        public bool HasLeaf;
        public uint Hash;
    }
}
