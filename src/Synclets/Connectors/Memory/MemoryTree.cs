namespace Synclets.Connectors.Memory;

/// <summary>
/// The in-memory store behind both memory connectors: nested dictionaries down to leaves, a hash
/// slot on every interior node, and an undo log so a failed batch leaves no trace.
/// </summary>
internal sealed class MemoryTree<TLeaf>
{
    private readonly Lock _lock = new();
    private readonly Node _root = new();
    // Plain records rather than closures: a batch of 100k writes would otherwise allocate 100k
    // delegates that live until commit, and the garbage collector would copy every one of them.
    private List<Undo>? _undo;

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
                _undo.Add(node.HasLeaf ? new Undo(UndoKind.RestoreLeaf, address, node.Leaf) : new Undo(UndoKind.RemoveLeaf, address));
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

            _undo?.Add(new Undo(UndoKind.RestoreLeaf, address, node.Leaf));
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
            _undo?.Add(new Undo(UndoKind.RestoreHash, parent, Hash: node.Hash));
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
                var step = undo![i];
                switch (step.Kind)
                {
                    case UndoKind.RemoveLeaf:
                        RemoveLeaf(step.Address);
                        break;
                    case UndoKind.RestoreLeaf:
                        SetLeaf(step.Address, step.Leaf!);
                        break;
                    default:
                        SetHash(step.Address, step.Hash);
                        break;
                }
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

    private enum UndoKind : byte
    {
        RemoveLeaf,
        RestoreLeaf,
        RestoreHash,
    }

    /// <summary>One step of undoing a batch: what was at an address before the batch changed it.</summary>
    private readonly record struct Undo(UndoKind Kind, Address Address, TLeaf? Leaf = default, uint Hash = 0);
}
