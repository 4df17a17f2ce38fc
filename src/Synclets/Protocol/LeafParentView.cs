using Synclets.Connectors;

namespace Synclets.Protocol;

/// <summary>
/// The leaves under one parent, as the protocol reads them. Loaded in bulk (one read of every
/// timestamp, and of every atom when one is needed) when a message covers many siblings, or leaf by
/// leaf when it touches one, so a store answers a parent in one query rather than one per atom.
/// </summary>
internal sealed class LeafParentView
{
    private readonly DataConnector _data;
    private readonly MetaConnector _meta;
    private readonly IReadOnlyDictionary<string, string>? _timestamps;
    private readonly Address? _singleLeaf;
    private IReadOnlyDictionary<string, Atom>? _atoms;

    private LeafParentView(Address parent, DataConnector data, MetaConnector meta, IReadOnlyDictionary<string, string>? timestamps, Address? singleLeaf = null)
    {
        Parent = parent;
        _data = data;
        _meta = meta;
        _timestamps = timestamps;
        _singleLeaf = singleLeaf;
    }

    public Address Parent { get; }

    /// <summary>Every timestamp under the parent (bulk views only).</summary>
    public IReadOnlyDictionary<string, string> Timestamps =>
        _timestamps ?? throw new InvalidOperationException("A single-leaf view does not list its siblings.");

    public static async ValueTask<LeafParentView> LoadAsync(Address parent, DataConnector data, MetaConnector meta, CancellationToken cancellationToken) =>
        new(parent, data, meta, await meta.ReadTimestampsAsync(parent, cancellationToken).ConfigureAwait(false));

    public static LeafParentView ForSingleLeaf(Address leaf, DataConnector data, MetaConnector meta) => new(leaf.Parent, data, meta, null, leaf);

    /// <summary>The address of leaf <paramref name="id"/>; a single-leaf view gives its own without building it again.</summary>
    public Address AddressOf(string id) =>
        _singleLeaf is { } leaf && string.Equals(leaf.LastId, id, StringComparison.Ordinal) ? leaf : Parent.Append(id);

    public ValueTask<string> ReadTimestampAsync(string id, CancellationToken cancellationToken) =>
        _timestamps is null
            ? _meta.ReadTimestampAsync(AddressOf(id), cancellationToken)
            : ValueTask.FromResult(_timestamps.GetValueOrDefault(id, string.Empty));

    public async ValueTask<Atom?> ReadAtomAsync(string id, CancellationToken cancellationToken)
    {
        if (_timestamps is null)
        {
            return await _data.ReadAtomAsync(AddressOf(id), cancellationToken).ConfigureAwait(false);
        }

        _atoms ??= await _data.ReadAtomsAsync(Parent, cancellationToken).ConfigureAwait(false);
        return _atoms.TryGetValue(id, out var atom) ? atom : (Atom?)null;
    }
}
