using System.Collections.ObjectModel;

namespace Synclets.Connectors.Memory;

/// <summary>
/// The in-memory store behind both memory connectors: nested dictionaries down to the leaf parents,
/// which hold their leaves' values directly (no object per leaf: a million atoms are a million
/// dictionary entries, not a million more objects for the garbage collector to trace), a hash slot
/// on every interior node, and an undo log so a failed batch leaves no trace.
/// </summary>
internal sealed class MemoryTree<TLeaf>
{
    private const int MaxKeptUndoSteps = 256;

    private readonly Lock _lock = new();
    private readonly Node _root = new();
    // Plain records rather than closures: a batch of 100k writes would otherwise allocate 100k
    // delegates that live until commit, and the garbage collector would copy every one of them.
    // The log is reused from batch to batch; after a large batch it shrinks back (see ForgetUndo).
    // A node the batch created is undone by one step that removes it: what the batch then writes
    // inside it needs no step of its own, so filling an empty peer logs a step per table, not per atom.
    private readonly List<Undo> _undo = [];
    private bool _inBatch;
    private long _batch;

    public bool TryGetLeaf(Address address, out TLeaf leaf)
    {
        lock (_lock)
        {
            if (address.Count > 0 && Find(address.Parent)?.Leaves is { } leaves && leaves.TryGetValue(address.LastId, out leaf!))
            {
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
            var node = FindOrCreate(address.Parent);
            var leaves = node.Leaves ??= new(StringComparer.Ordinal);
            if (NeedsUndo(node))
            {
                _undo.Add(leaves.TryGetValue(address.LastId, out var previous)
                    ? new Undo(UndoKind.RestoreLeaf, address, previous)
                    : new Undo(UndoKind.RemoveLeaf, address));
            }

            leaves[address.LastId] = leaf;
        }
    }

    public void RemoveLeaf(Address address)
    {
        lock (_lock)
        {
            var node = address.Count == 0 ? null : Find(address.Parent);
            if (node?.Leaves is not { } leaves || !leaves.Remove(address.LastId, out var previous))
            {
                return;
            }

            if (NeedsUndo(node))
            {
                _undo.Add(new Undo(UndoKind.RestoreLeaf, address, previous));
            }

            RemoveEmptyPath(_root, address.Parent, 0);
        }
    }

    public IReadOnlyList<string> GetChildIds(Address parent)
    {
        lock (_lock)
        {
            return Find(parent) switch
            {
                { Leaves: { } leaves } => [.. leaves.Keys],
                { Children: { } children } => [.. children.Keys],
                _ => [],
            };
        }
    }

    public IReadOnlyDictionary<string, TLeaf> GetLeaves(Address leafParent)
    {
        lock (_lock)
        {
            return Find(leafParent)?.Leaves is { Count: > 0 } leaves
                ? new Dictionary<string, TLeaf>(leaves, StringComparer.Ordinal)
                : ReadOnlyDictionary<string, TLeaf>.Empty;
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
            if (NeedsUndo(node))
            {
                _undo.Add(new Undo(UndoKind.RestoreHash, parent, Hash: node.Hash));
            }

            node.Hash = hash;
        }
    }

    public void BeginBatch()
    {
        lock (_lock)
        {
            if (_inBatch)
            {
                throw new InvalidOperationException("A batch is already open on this memory connector.");
            }

            _inBatch = true;
            _batch++;
        }
    }

    public void CommitBatch()
    {
        lock (_lock)
        {
            _inBatch = false;
            ForgetUndo();
        }
    }

    public void RollbackBatch()
    {
        lock (_lock)
        {
            // Out of the batch first, so the steps below log nothing themselves.
            _inBatch = false;
            for (var i = _undo.Count - 1; i >= 0; i--)
            {
                var step = _undo[i];
                switch (step.Kind)
                {
                    case UndoKind.RemoveLeaf:
                        RemoveLeaf(step.Address);
                        break;
                    case UndoKind.RestoreLeaf:
                        SetLeaf(step.Address, step.Leaf!);
                        break;
                    case UndoKind.RemoveNode:
                        Find(step.Address.Parent)?.Children?.Remove(step.Address.LastId);
                        break;
                    default:
                        SetHash(step.Address, step.Hash);
                        break;
                }
            }

            ForgetUndo();
        }
    }

    /// <summary>
    /// Empties the undo log for the next batch, keeping its array when small: one-atom writes then
    /// allocate no log at all, while a 100k-write batch does not pin its log for good.
    /// </summary>
    private void ForgetUndo()
    {
        _undo.Clear();
        if (_undo.Capacity > MaxKeptUndoSteps)
        {
            _undo.Capacity = MaxKeptUndoSteps;
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
        var ids = address.AsSpan();
        for (var level = 0; level < ids.Length; level++)
        {
            node.Children ??= new(StringComparer.Ordinal);
            if (!node.Children.TryGetValue(ids[level], out var child))
            {
                child = new Node { CreatedInBatch = _inBatch ? _batch : 0 };
                if (NeedsUndo(node))
                {
                    _undo.Add(new Undo(UndoKind.RemoveNode, address.Take(level + 1)));
                }

                node.Children[ids[level]] = child;
            }

            node = child;
        }

        return node;
    }

    /// <summary>Whether a change inside <paramref name="node"/> needs an undo step: in a batch, unless the batch created the node.</summary>
    private bool NeedsUndo(Node node) => _inBatch && node.CreatedInBatch != _batch;

    // Removes the node at the path and every ancestor left without children or leaves, so empty parents vanish.
    private static bool RemoveEmptyPath(Node node, Address path, int index)
    {
        if (index == path.Count)
        {
            return node.IsEmpty;
        }

        var child = node.Children![path[index]];
        if (RemoveEmptyPath(child, path, index + 1))
        {
            node.Children.Remove(path[index]);
        }

        return node.IsEmpty;
    }

    private static void Collect(Node node, Address address, List<KeyValuePair<Address, TLeaf>> leaves)
    {
        if (node.Leaves is not null)
        {
            foreach (var (id, leaf) in node.Leaves)
            {
                leaves.Add(new(address.Append(id), leaf));
            }
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
        public Dictionary<string, TLeaf>? Leaves;
        public uint Hash;

        /// <summary>The batch that created the node, or 0 when created outside one.</summary>
        public long CreatedInBatch;

        public bool IsEmpty => Children is null or { Count: 0 } && Leaves is null or { Count: 0 };
    }

    private enum UndoKind : byte
    {
        RemoveLeaf,
        RestoreLeaf,
        RestoreHash,
        RemoveNode,
    }

    /// <summary>One step of undoing a batch: what was at an address before the batch changed it.</summary>
    private readonly record struct Undo(UndoKind Kind, Address Address, TLeaf? Leaf = default, uint Hash = 0);
}
