namespace Synclets;

/// <summary>Browsing the tree a page at a time, with timestamps and hashes (what an inspector shows).</summary>
public sealed partial class Synclet
{
    /// <summary>
    /// Lists, for browsing, the children of <paramref name="parentAddress"/>: leaves with their atom
    /// and timestamp (deleted ones too), parents with their hash; at most <paramref name="limit"/>
    /// of them, in ordinal order of their ids, starting after <paramref name="after"/>. Only the
    /// page's children are read, whatever the number of their siblings.
    /// </summary>
    /// <exception cref="ArgumentException">The address is a leaf's, or deeper.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limit is not positive.</exception>
    public Task<TreeChildren> ListChildrenAsync(Address parentAddress, string? after = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        var meta = MetaConnector ?? throw NoConnectors();
        if (parentAddress.Count >= Depth)
        {
            throw new ArgumentException($"'{parentAddress}' has {parentAddress.Count} ids; a parent's address in this synclet has fewer than {Depth}.", nameof(parentAddress));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _queue.RunAsync(async () =>
        {
            var ids = (await meta.ReadChildIdsAsync(parentAddress, cancellationToken).ConfigureAwait(false))
                .Where(id => after is null || string.CompareOrdinal(id, after) > 0)
                .Order(StringComparer.Ordinal)
                .Take(limit + 1)
                .ToList();
            var children = new List<TreeChild>(Math.Min(ids.Count, limit));
            var leaves = parentAddress.Count == Depth - 1;
            foreach (var id in ids.Take(limit))
            {
                var address = parentAddress.Append(id);
                children.Add(leaves
                    ? new TreeChild(id, IsLeaf: true, await DataConnector!.ReadAtomAsync(address, cancellationToken).ConfigureAwait(false), await meta.ReadTimestampAsync(address, cancellationToken).ConfigureAwait(false), Hash: null)
                    : new TreeChild(id, IsLeaf: false, Atom: null, Timestamp: null, await meta.ReadHashAsync(address, cancellationToken).ConfigureAwait(false)));
            }

            return new TreeChildren(parentAddress, children, HasMore: ids.Count > limit);
        }, cancellationToken);
    }
}
