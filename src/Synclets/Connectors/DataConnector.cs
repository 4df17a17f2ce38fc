
namespace Synclets.Connectors;

/// <summary>
/// Reads and writes a synclet's atoms in a store. Implement the four core members; override the
/// others where the store can do better than the defaults, which are built from the core.
/// </summary>
public abstract class DataConnector : Connector
{
    /// <summary>Creates a data connector for a tree of <paramref name="depth"/> levels.</summary>
    protected DataConnector(int depth) : base(depth)
    {
    }

    /// <summary>The atom at a leaf address, or null when there is none.</summary>
    public abstract ValueTask<Atom?> ReadAtomAsync(Address address, CancellationToken cancellationToken = default);

    /// <summary>Stores the atom at a leaf address.</summary>
    public abstract ValueTask WriteAtomAsync(Address address, Atom atom, CancellationToken cancellationToken = default);

    /// <summary>Removes the atom at a leaf address (nothing happens when there is none).</summary>
    public abstract ValueTask RemoveAtomAsync(Address address, CancellationToken cancellationToken = default);

    /// <summary>The ids of the children of a parent address that hold atoms below them.</summary>
    public abstract ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default);

    /// <summary>Every atom directly below a leaf's parent address, by id.</summary>
    public virtual async ValueTask<IReadOnlyDictionary<string, Atom>> ReadAtomsAsync(
        Address leafParentAddress, CancellationToken cancellationToken = default)
    {
        var atoms = new Dictionary<string, Atom>(StringComparer.Ordinal);
        foreach (var id in await ReadChildIdsAsync(leafParentAddress, cancellationToken).ConfigureAwait(false))
        {
            if (await ReadAtomAsync(leafParentAddress.Append(id), cancellationToken).ConfigureAwait(false) is { } atom)
            {
                atoms[id] = atom;
            }
        }

        return atoms;
    }

    /// <summary>
    /// Makes the stored value of an atom that changed outside the synclet (reported through
    /// <see cref="ConnectorAttachContext.SyncChangedAtomsAsync"/>) the synclet's own, inside the
    /// synclet's batch, and returns the atom before and after. The default reads the atom, whose
    /// earlier value it cannot know (<c>Before</c> is null); a connector that keeps a copy of what the
    /// synclet last wrote overrides it, so the change events carry both values.
    /// </summary>
    public virtual async ValueTask<(Atom? Before, Atom? After)> AdoptAtomAsync(Address address, CancellationToken cancellationToken = default) =>
        (null, await ReadAtomAsync(address, cancellationToken).ConfigureAwait(false));

    /// <summary>A snapshot of every atom.</summary>
    public virtual async Task<DataTree> GetDataAsync(CancellationToken cancellationToken = default) =>
        DataTree.FromLeaves(await CollectLeavesAsync<Atom>(ReadChildIdsAsync, ReadAtomsAsync, cancellationToken).ConfigureAwait(false), Depth);
}
