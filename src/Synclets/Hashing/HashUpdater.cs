using Synclets.Connectors;

namespace Synclets.Hashing;

/// <summary>
/// Keeps interior hashes up to date as leaf timestamps change: a change XORs the old and new leaf
/// hashes into every ancestor. Deltas of one batch are accumulated in memory and handed to the meta
/// connector once per batch, one per changed ancestor, so a write costs O(depth), not O(subtree), and
/// a store can apply a whole batch's hashes in a few statements.
/// </summary>
internal sealed class HashUpdater
{
    // The maps and the list are reused from batch to batch (a one-atom write then allocates none of
    // them) and shrink back after a large batch, so one big sync does not keep them for good.
    private const int MaxKeptEntries = 256;
    private readonly Dictionary<Address, uint> _leafParentDeltas = [];
    private readonly Dictionary<Address, uint> _ancestorDeltas = [];
    private readonly List<KeyValuePair<Address, uint>> _changed = [];

    /// <summary>Records that a leaf under <paramref name="leafParent"/> changed timestamp.</summary>
    public void Record(Address leafParent, string oldTimestamp, string newTimestamp)
    {
        var delta = Fnv1a.HashTimestamp(oldTimestamp) ^ Fnv1a.HashTimestamp(newTimestamp);
        if (delta != 0)
        {
            _leafParentDeltas[leafParent] = _leafParentDeltas.GetValueOrDefault(leafParent) ^ delta;
        }
    }

    /// <summary>Applies every recorded delta to the stored hashes of the ancestors, then forgets them.</summary>
    public async Task FlushAsync(MetaConnector meta, CancellationToken cancellationToken)
    {
        if (_leafParentDeltas.Count == 0)
        {
            return;
        }

        var deltas = _ancestorDeltas;
        foreach (var (leafParent, delta) in _leafParentDeltas)
        {
            for (var count = 0; count <= leafParent.Count; count++)
            {
                var ancestor = leafParent.Take(count);
                deltas[ancestor] = deltas.GetValueOrDefault(ancestor) ^ delta;
            }
        }

        Forget(_leafParentDeltas);
        foreach (var pair in deltas)
        {
            if (pair.Value != 0)
            {
                _changed.Add(pair);
            }
        }

        Forget(deltas);
        try
        {
            await meta.ApplyHashDeltasAsync(_changed, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _changed.Clear();
            if (_changed.Capacity > MaxKeptEntries)
            {
                _changed.Capacity = MaxKeptEntries;
            }
        }
    }

    /// <summary>Forgets the recorded deltas (the batch was rolled back).</summary>
    public void Discard() => Forget(_leafParentDeltas);

    private static void Forget(Dictionary<Address, uint> deltas)
    {
        deltas.Clear();
        if (deltas.Capacity > MaxKeptEntries)
        {
            deltas.TrimExcess(MaxKeptEntries);
        }
    }
}
