using Synclets.Connectors;
using Synclets.Typed;

namespace Synclets.Relational;

/// <summary>
/// Stores a synclet's timestamps and interior hashes in the tree-table layout: one row per leaf
/// (its timestamp) and one per interior node (its hash, the root's row keyed <c>[]</c>), in the same
/// table. Its batches share the store's transaction with the data connector on the same store.
/// </summary>
public abstract class RelationalMetaConnector : MetaConnector
{
    /// <summary>Creates a meta connector over <paramref name="store"/> for a tree of <paramref name="depth"/> levels.</summary>
    /// <exception cref="ArgumentException">The options name a column twice or leave a name empty.</exception>
    protected RelationalMetaConnector(RelationalStore store, int depth, TreeTableOptions? options) : base(depth)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        Options = options ?? new TreeTableOptions();
        Options.Validate(depth);
        Table = new TreeTable(store.Dialect, Options.MetaTable, Options, depth, Options.TimestampColumn, SyncletColumnType.Text, Options.HashColumn);
        Rows = store.Join(Table);
    }

    /// <summary>The store this connector reads and writes.</summary>
    public RelationalStore Store { get; }

    /// <summary>The table and column names.</summary>
    public TreeTableOptions Options { get; }

    internal TreeTable Table { get; }

    internal TreeTableRows Rows { get; }

    /// <summary>Opens the store and creates the meta table, or checks that the existing one fits.</summary>
    /// <exception cref="RelationalSchemaException">The existing table lacks a column or has one of the wrong type.</exception>
    public override Task AttachAsync(ConnectorAttachContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Store.AttachAsync(this, context.SyncletId, whenReady: null, cancellationToken);
    }

    /// <summary>Leaves the store; the last connector to leave closes it.</summary>
    public override Task DetachAsync(CancellationToken cancellationToken = default) => Store.DetachAsync(this);

    /// <inheritdoc />
    public override Task BeginBatchAsync(CancellationToken cancellationToken = default) => Store.BeginBatchAsync(this, cancellationToken);

    /// <inheritdoc />
    public override Task CommitBatchAsync(CancellationToken cancellationToken = default) => Store.CommitBatchAsync(this, Rows, cancellationToken);

    /// <inheritdoc />
    public override Task RollbackBatchAsync(CancellationToken cancellationToken = default) => Store.RollbackBatchAsync(this);

    /// <inheritdoc />
    public override async ValueTask<string> ReadTimestampAsync(Address address, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        return await Rows.ReadAsync(address, cancellationToken).ConfigureAwait(false) ?? string.Empty;
    }

    /// <inheritdoc />
    public override ValueTask WriteTimestampAsync(Address address, string timestamp, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        ArgumentNullException.ThrowIfNull(timestamp);
        return Rows.WriteAsync(address, timestamp, cancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        var command = await Rows.RangeAsync(Table.ChildIds(parentAddress.Count), parentAddress, cancellationToken).ConfigureAwait(false);
        return await command.ReadStringsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async ValueTask<uint> ReadHashAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        var value = await Store.WithKey(Table.ReadHash!, parentAddress).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : unchecked((uint)Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public override async ValueTask WriteHashAsync(Address parentAddress, uint hash, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        var command = Store.WithAddress(Table.UpsertHash!, parentAddress, Depth);
        command.Parameters[Depth + 1].Value = (long)hash;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The deltas in multi-row statements that XOR them into the stored hashes without reading any
    /// hash first (<see cref="ISqlDialect.XorUpsert"/>); hash by hash when the dialect has none.
    /// </summary>
    public override async ValueTask ApplyHashDeltasAsync(IReadOnlyList<KeyValuePair<Address, uint>> deltas, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        if (Table.XorHashMany(1) is null)
        {
            await base.ApplyHashDeltasAsync(deltas, cancellationToken).ConfigureAwait(false);
            return;
        }

        for (var start = 0; start < deltas.Count;)
        {
            var rows = TreeTableRows.ChunkSize(deltas.Count - start, Table.MaxRowsPerStatement);
            var command = Store.CommandFor(Table.XorHashMany(rows)!);
            for (var row = 0; row < rows; row++)
            {
                var (parentAddress, delta) = deltas[start + row];
                EnsureParent(parentAddress);
                Table.BindRow(command.Parameters, row, Store.KeyOf(parentAddress), parentAddress, (long)delta);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            start += rows;
        }
    }

    /// <summary>Every timestamp under a leaf's parent, in one query over the id columns' index.</summary>
    public override async ValueTask<IReadOnlyDictionary<string, string>> ReadTimestampsAsync(Address leafParentAddress, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(leafParentAddress.Append(string.Empty));
        var command = await Rows.RangeAsync(Table.Leaves, leafParentAddress, cancellationToken).ConfigureAwait(false);
        return await command.ReadPairsAsync(static timestamp => timestamp, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every timestamp, in one query.</summary>
    public override async Task<MetaTree> GetMetaAsync(CancellationToken cancellationToken = default)
    {
        var command = await Rows.RangeAsync(Table.All, Address.Root, cancellationToken).ConfigureAwait(false);
        return MetaTree.FromLeaves(await command.ReadLeavesAsync(Depth, static timestamp => timestamp, cancellationToken).ConfigureAwait(false), Depth);
    }
}
