namespace Synclets.Relational;

/// <summary>
/// The leaf writes a batch holds back, by address: the final atom (null = deleted) and timestamp of
/// each, whichever connector wrote them. Point reads are answered from here; a read of a range
/// flushes first when a pending leaf falls in it, so the batch always reads its own writes.
/// </summary>
internal sealed class PendingLeaves
{
    private readonly Dictionary<Address, PendingLeaf> _leaves = [];
    private readonly HashSet<Address> _parents = [];

    public int Count => _leaves.Count;

    /// <summary>Records a leaf's new atom (null deletes it), replacing any earlier pending one.</summary>
    public void SetAtom(Address address, string? atom)
    {
        ref var leaf = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_leaves, address, out _);
        (leaf.HasAtom, leaf.Atom) = (true, atom);
        _parents.Add(address.Parent);
    }

    /// <summary>Records a leaf's new timestamp, replacing any earlier pending one.</summary>
    public void SetTimestamp(Address address, string timestamp)
    {
        ref var leaf = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_leaves, address, out _);
        (leaf.HasTimestamp, leaf.Timestamp) = (true, timestamp);
        _parents.Add(address.Parent);
    }

    /// <summary>The pending atom of a leaf: found with its value, or found deleted (null).</summary>
    public bool TryGetAtom(Address address, out string? atom)
    {
        var found = _leaves.TryGetValue(address, out var leaf) && leaf.HasAtom;
        atom = leaf.Atom;
        return found;
    }

    /// <summary>The pending timestamp of a leaf.</summary>
    public bool TryGetTimestamp(Address address, out string? timestamp)
    {
        var found = _leaves.TryGetValue(address, out var leaf) && leaf.HasTimestamp;
        timestamp = leaf.Timestamp;
        return found;
    }

    /// <summary>Whether a pending leaf lies under <paramref name="prefix"/> (every leaf, for the root).</summary>
    public bool AnyUnder(Address prefix)
    {
        if (_parents.Contains(prefix))
        {
            return true;
        }

        // Every pending row is a leaf, so a prefix as deep as their parents holds one only if it is one of them.
        if (_parents.Count == 0 || prefix.Count >= _parents.First().Count)
        {
            return false;
        }

        foreach (var parent in _parents)
        {
            if (parent.StartsWith(prefix))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Takes every pending leaf, sorted by address (the table's key order).</summary>
    public List<KeyValuePair<Address, PendingLeaf>> Drain()
    {
        var leaves = _leaves.ToList();
        Clear();
        leaves.Sort(static (a, b) => CompareIds(a.Key, b.Key));
        return leaves;
    }

    public void Clear()
    {
        _leaves.Clear();
        _parents.Clear();
    }

    private static int CompareIds(Address a, Address b)
    {
        var x = a.AsSpan();
        var y = b.AsSpan();
        for (var i = 0; i < x.Length && i < y.Length; i++)
        {
            var order = string.CompareOrdinal(x[i], y[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return x.Length - y.Length;
    }
}

/// <summary>What a batch wrote to one leaf: its atom (null = deleted), its timestamp, or both.</summary>
internal struct PendingLeaf
{
    public bool HasAtom;
    public string? Atom;
    public bool HasTimestamp;
    public string? Timestamp;

    /// <summary>Which columns the write sets.</summary>
    public readonly LeafColumns Columns => (HasAtom, HasTimestamp) switch
    {
        (true, true) => LeafColumns.Both,
        (true, false) => LeafColumns.Atom,
        _ => LeafColumns.Timestamp,
    };
}
