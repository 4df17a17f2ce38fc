using Synclets.Connectors;
using Synclets.Wire;

namespace Synclets.Relational;

/// <summary>
/// Stores a synclet's atoms in the tree-table layout of a relational database: one row per atom,
/// keyed by the tree's scope and one column per id, with the atom as JSON beside its timestamp
/// (which the meta connector on the same store keeps). Its batches share the store's transaction
/// with that meta connector.
/// </summary>
public abstract class RelationalDataConnector : DataConnector
{
    /// <summary>Creates a data connector over <paramref name="store"/> for a tree of <paramref name="depth"/> levels.</summary>
    /// <exception cref="ArgumentException">The options name a column twice or leave a name empty.</exception>
    protected RelationalDataConnector(RelationalStore store, int depth, TreeTableOptions? options) : base(depth)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        Options = options ?? new TreeTableOptions();
        Options.Validate(depth);
        Rows = store.JoinLeaves(Options, depth);
    }

    /// <summary>The store this connector reads and writes.</summary>
    public RelationalStore Store { get; }

    /// <summary>The table and column names.</summary>
    public TreeTableOptions Options { get; }

    internal LeafTable Table => Rows.Table;

    internal LeafRows Rows { get; }

    /// <summary>Opens the store and creates the leaf table, or checks that the existing one fits (moving a first-layout tree in).</summary>
    /// <exception cref="RelationalSchemaException">The existing table lacks a column or has one of the wrong type.</exception>
    public override Task AttachAsync(ConnectorAttachContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Store.AttachAsync(this, context.SyncletId, () => OnAttachedAsync(context, cancellationToken), cancellationToken);
    }

    /// <summary>Leaves the store; the last connector to leave closes it.</summary>
    public override async Task DetachAsync(CancellationToken cancellationToken = default)
    {
        await OnDetachingAsync().ConfigureAwait(false);
        await Store.DetachAsync(this).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task BeginBatchAsync(CancellationToken cancellationToken = default) => Store.BeginBatchAsync(this, cancellationToken);

    /// <inheritdoc />
    public override Task CommitBatchAsync(CancellationToken cancellationToken = default) => Store.CommitBatchAsync(this, Rows, cancellationToken);

    /// <inheritdoc />
    public override Task RollbackBatchAsync(CancellationToken cancellationToken = default) => Store.RollbackBatchAsync(this);

    /// <inheritdoc />
    public override async ValueTask<Atom?> ReadAtomAsync(Address address, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        return await Rows.ReadAtomAsync(address, cancellationToken).ConfigureAwait(false) is { } json ? JsonText.ParseAtom(json) : (Atom?)null;
    }

    /// <inheritdoc />
    public override ValueTask WriteAtomAsync(Address address, Atom atom, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        return Rows.WriteAtomAsync(address, JsonText.Atom(atom), cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask RemoveAtomAsync(Address address, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        return Rows.WriteAtomAsync(address, null, cancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        var command = await Rows.RangeAsync(Table.ChildIds(parentAddress.Count, ofAtoms: true), parentAddress, cancellationToken).ConfigureAwait(false);
        return await command.ReadStringsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every atom under a leaf's parent, in one query over a range of the key.</summary>
    public override ValueTask<IReadOnlyDictionary<string, Atom>> ReadAtomsAsync(Address leafParentAddress, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(leafParentAddress.Append(string.Empty));
        return Rows.ReadAtomsAsync(leafParentAddress, cancellationToken);
    }

    /// <summary>Every atom, in one query.</summary>
    public override async Task<DataTree> GetDataAsync(CancellationToken cancellationToken = default)
    {
        var command = await Rows.RangeAsync(Table.AtomsUnder(0), Address.Root, cancellationToken).ConfigureAwait(false);
        return DataTree.FromLeaves(await command.ReadLeavesAsync(Depth, JsonText.ParseAtom, cancellationToken).ConfigureAwait(false), Depth);
    }

    /// <summary>Called after the store is open and the leaf table is ready; typed connectors prepare their tables here.</summary>
    private protected virtual Task OnAttachedAsync(ConnectorAttachContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called before the connector leaves the store.</summary>
    private protected virtual Task OnDetachingAsync() => Task.CompletedTask;
}
