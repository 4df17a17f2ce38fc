using Synclets.Connectors;

namespace Synclets.Relational;

/// <summary>
/// Stores a synclet's timestamps and interior hashes in the tree-table layout: each leaf's timestamp
/// in its row of the leaf table (beside its atom, when the data connector is on the same store), and
/// one row per interior node in the hash table (the root's keyed <c>[]</c>). Its batches share the
/// store's transaction with the data connector on the same store.
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
        Rows = store.JoinLeaves(Options, depth);
        Hashes = store.JoinHashes(Options, Rows);
    }

    /// <summary>The store this connector reads and writes.</summary>
    public RelationalStore Store { get; }

    /// <summary>The table and column names.</summary>
    public TreeTableOptions Options { get; }

    internal LeafTable Table => Rows.Table;

    internal LeafRows Rows { get; }

    internal HashTable Hashes { get; }

    /// <summary>Opens the store and creates the leaf and hash tables, or checks that the existing ones fit.</summary>
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
        return await Rows.ReadTimestampAsync(address, cancellationToken).ConfigureAwait(false) ?? string.Empty;
    }

    /// <inheritdoc />
    public override ValueTask WriteTimestampAsync(Address address, string timestamp, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        ArgumentNullException.ThrowIfNull(timestamp);
        return Rows.WriteTimestampAsync(address, timestamp, cancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        var command = await Rows.RangeAsync(Table.ChildIds(parentAddress.Count, ofAtoms: false), parentAddress, cancellationToken).ConfigureAwait(false);
        return await command.ReadStringsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async ValueTask<uint> ReadHashAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        var value = await HashCommand(Hashes.Read, parentAddress).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : unchecked((uint)Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public override async ValueTask WriteHashAsync(Address parentAddress, uint hash, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        var command = HashCommand(Hashes.Upsert, parentAddress);
        command.Parameters[2].Value = (long)hash;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The deltas in multi-row statements that XOR them into the stored hashes without reading any
    /// hash first (<see cref="ISqlDialect.XorUpsert"/>); hash by hash when the dialect has none.
    /// </summary>
    public override async ValueTask ApplyHashDeltasAsync(IReadOnlyList<KeyValuePair<Address, uint>> deltas, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        if (Hashes.XorMany(1) is null)
        {
            await base.ApplyHashDeltasAsync(deltas, cancellationToken).ConfigureAwait(false);
            return;
        }

        for (var start = 0; start < deltas.Count;)
        {
            var rows = LeafRows.ChunkSize(deltas.Count - start, Table.MaxRowsPerStatement);
            var command = Store.CommandFor(Hashes.XorMany(rows)!);
            for (var row = 0; row < rows; row++)
            {
                var (parentAddress, delta) = deltas[start + row];
                EnsureParent(parentAddress);
                command.Parameters[row * 3].Value = Rows.Scope;
                command.Parameters[(row * 3) + 1].Value = Store.KeyOf(parentAddress);
                command.Parameters[(row * 3) + 2].Value = (long)delta;
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            start += rows;
        }
    }

    /// <summary>Every timestamp under a leaf's parent, in one query over a range of the key.</summary>
    public override ValueTask<IReadOnlyDictionary<string, string>> ReadTimestampsAsync(Address leafParentAddress, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(leafParentAddress.Append(string.Empty));
        return Rows.ReadTimestampsAsync(leafParentAddress, cancellationToken);
    }

    /// <summary>Reads the listings of the expected leaf parents several to a query as the synclet comes to each.</summary>
    public override void ExpectLeafParents(Address parentAddress, IReadOnlyList<string> childIds)
    {
        ArgumentNullException.ThrowIfNull(childIds);
        Rows.Expect(parentAddress, childIds);
    }

    /// <summary>Every timestamp, in one query.</summary>
    public override async Task<MetaTree> GetMetaAsync(CancellationToken cancellationToken = default)
    {
        var command = await Rows.RangeAsync(Table.AllTimestamps, Address.Root, cancellationToken).ConfigureAwait(false);
        return MetaTree.FromLeaves(await command.ReadLeavesAsync(Depth, static timestamp => timestamp, cancellationToken).ConfigureAwait(false), Depth);
    }

    /// <summary>The command of a hash-table statement with the scope and the node's address key bound.</summary>
    private System.Data.Common.DbCommand HashCommand(Statement statement, Address parentAddress)
    {
        var command = Store.CommandFor(statement);
        command.Parameters[0].Value = Rows.Scope;
        command.Parameters[1].Value = Store.KeyOf(parentAddress);
        return command;
    }
}
