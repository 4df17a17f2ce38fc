
namespace Synclets.Connectors;

/// <summary>
/// Reads and writes a synclet's metadata: one timestamp per atom (deleted ones included) and the
/// stored hash of every interior node, which the synclet keeps up to date incrementally.
/// </summary>
public abstract class MetaConnector : Connector
{
    /// <summary>Creates a meta connector for a tree of <paramref name="depth"/> levels.</summary>
    protected MetaConnector(int depth) : base(depth)
    {
    }

    /// <summary>The timestamp of a leaf, or the empty string when it was never written.</summary>
    public abstract ValueTask<string> ReadTimestampAsync(Address address, CancellationToken cancellationToken = default);

    /// <summary>Stores the timestamp of a leaf.</summary>
    public abstract ValueTask WriteTimestampAsync(Address address, string timestamp, CancellationToken cancellationToken = default);

    /// <summary>The ids of the children of a parent address that have timestamps below them.</summary>
    public abstract ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default);

    /// <summary>The stored hash of an interior node (the root included); 0 when none is stored.</summary>
    public abstract ValueTask<uint> ReadHashAsync(Address parentAddress, CancellationToken cancellationToken = default);

    /// <summary>Stores the hash of an interior node.</summary>
    public abstract ValueTask WriteHashAsync(Address parentAddress, uint hash, CancellationToken cancellationToken = default);

    /// <summary>
    /// XORs each delta into the stored hash of its interior node (a node without a stored hash
    /// counts as 0). The synclet calls this once per batch, with every node whose hash changed, each
    /// once; the default reads and writes one hash at a time, and a store that can change many rows
    /// in one statement overrides it.
    /// </summary>
    public virtual async ValueTask ApplyHashDeltasAsync(IReadOnlyList<KeyValuePair<Address, uint>> deltas, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        for (var i = 0; i < deltas.Count; i++)
        {
            var (parentAddress, delta) = deltas[i];
            var hash = await ReadHashAsync(parentAddress, cancellationToken).ConfigureAwait(false);
            await WriteHashAsync(parentAddress, hash ^ delta, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every timestamp directly below a leaf's parent address, by id.</summary>
    public virtual async ValueTask<IReadOnlyDictionary<string, string>> ReadTimestampsAsync(
        Address leafParentAddress, CancellationToken cancellationToken = default)
    {
        var timestamps = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in await ReadChildIdsAsync(leafParentAddress, cancellationToken).ConfigureAwait(false))
        {
            var timestamp = await ReadTimestampAsync(leafParentAddress.Append(id), cancellationToken).ConfigureAwait(false);
            if (timestamp.Length > 0)
            {
                timestamps[id] = timestamp;
            }
        }

        return timestamps;
    }

    /// <summary>
    /// Says that the leaves under these children of <paramref name="parentAddress"/> (each a leaf's
    /// parent) are about to be read, in this order, so a store that pays per query can read several
    /// of them in one (the synclet calls it before working through a message's leaf parents). A hint
    /// only: reads stay correct whether or not it was given. Nothing by default.
    /// </summary>
    public virtual void ExpectLeafParents(Address parentAddress, IReadOnlyList<string> childIds)
    {
    }

    /// <summary>A snapshot of every timestamp.</summary>
    public virtual async Task<MetaTree> GetMetaAsync(CancellationToken cancellationToken = default) =>
        MetaTree.FromLeaves(await CollectLeavesAsync<string>(ReadChildIdsAsync, ReadTimestampsAsync, cancellationToken).ConfigureAwait(false), Depth);
}
