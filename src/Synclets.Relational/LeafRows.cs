using System.Data.Common;

namespace Synclets.Relational;

/// <summary>
/// Reads and writes one tree's rows of a leaf table, for the data and meta connectors of a store
/// together. Inside a batch, writes are held back and sent as multi-row statements (sorted by key,
/// up to the dialect's <see cref="ISqlDialect.MaxRowsPerStatement"/> rows each, an atom and its
/// timestamp in one row write) when the batch commits, when enough have gathered, or before a read
/// that could see them; point reads of held-back leaves are answered without the database. Outside
/// a batch every write goes to the database at once.
/// </summary>
/// <remarks>
/// The last row and the last leaf parent read are remembered until the next write: a synclet reads a
/// leaf's atom and then its timestamp, or a parent's timestamps and then its atoms, and each pair
/// then costs one query.
/// </remarks>
internal sealed class LeafRows(RelationalStore store, LeafTable table, string scope) : IHeldWrites
{
    private static readonly LeafColumns[] WriteOrder = [LeafColumns.Both, LeafColumns.Atom, LeafColumns.Timestamp];
    private readonly PendingLeaves _pending = new();
    private Address? _lastRowAddress;
    private (string? Atom, string? Timestamp) _lastRow;
    private Address? _lastParent;
    private LeafListing? _lastLeaves;

    /// <summary>How many held-back leaves trigger a flush.</summary>
    private int FlushThreshold => 4 * table.MaxRowsPerStatement;

    public LeafTable Table => table;

    public string Scope => scope;

    /// <summary>The stored atom (as JSON) of a leaf, or null when it has none.</summary>
    public async ValueTask<string?> ReadAtomAsync(Address address, CancellationToken cancellationToken) =>
        _pending.TryGetAtom(address, out var atom) ? atom : (await ReadRowAsync(address, cancellationToken).ConfigureAwait(false)).Atom;

    /// <summary>The stored timestamp of a leaf, or null when it has none.</summary>
    public async ValueTask<string?> ReadTimestampAsync(Address address, CancellationToken cancellationToken) =>
        _pending.TryGetTimestamp(address, out var timestamp) ? timestamp : (await ReadRowAsync(address, cancellationToken).ConfigureAwait(false)).Timestamp;

    /// <summary>The atoms under a leaf parent, by last id.</summary>
    public async ValueTask<IReadOnlyDictionary<string, Atom>> ReadAtomsAsync(Address parent, CancellationToken cancellationToken) =>
        (await ReadLeavesAsync(parent, cancellationToken).ConfigureAwait(false)).Atoms();

    /// <summary>The timestamps under a leaf parent, by last id.</summary>
    public async ValueTask<IReadOnlyDictionary<string, string>> ReadTimestampsAsync(Address parent, CancellationToken cancellationToken) =>
        (await ReadLeavesAsync(parent, cancellationToken).ConfigureAwait(false)).Timestamps;

    /// <summary>Writes (or, for null, deletes) a leaf's atom.</summary>
    public ValueTask WriteAtomAsync(Address address, string? atom, CancellationToken cancellationToken)
    {
        _pending.SetAtom(address, atom);
        return AfterWriteAsync(cancellationToken);
    }

    /// <summary>Writes a leaf's timestamp.</summary>
    public ValueTask WriteTimestampAsync(Address address, string timestamp, CancellationToken cancellationToken)
    {
        _pending.SetTimestamp(address, timestamp);
        return AfterWriteAsync(cancellationToken);
    }

    /// <summary>Runs <paramref name="statement"/> with the scope and the ids of <paramref name="prefix"/>, after flushing the rows it could see.</summary>
    public async ValueTask<DbCommand> RangeAsync(Statement statement, Address prefix, CancellationToken cancellationToken)
    {
        if (_pending.AnyUnder(prefix))
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        var command = store.CommandFor(statement);
        table.BindKey(command.Parameters, 0, scope, prefix);
        return command;
    }

    /// <summary>Sends every held-back write to the database.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Forget();
        if (_pending.Count == 0)
        {
            return;
        }

        var leaves = _pending.Drain();
        foreach (var columns in WriteOrder)
        {
            await UpsertAsync(leaves.FindAll(leaf => leaf.Value.Columns == columns), columns, cancellationToken).ConfigureAwait(false);
        }

        // A deleted atom written without a timestamp (no meta connector keeps them here) may leave an empty row.
        await DeleteEmptyAsync(leaves.FindAll(static leaf => leaf.Value is { HasAtom: true, Atom: null, HasTimestamp: false }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets the held-back writes (the batch was rolled back).</summary>
    public void Discard()
    {
        _pending.Clear();
        Forget();
    }

    /// <summary>How many of <paramref name="remaining"/> rows the next multi-row statement takes: powers of two keep the number of distinct prepared statements small.</summary>
    internal static int ChunkSize(int remaining, int max) =>
        remaining >= max ? max : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)remaining + 1) / 2;

    private ValueTask AfterWriteAsync(CancellationToken cancellationToken)
    {
        Forget();
        return !store.InBatch || _pending.Count >= FlushThreshold ? new ValueTask(FlushAsync(cancellationToken)) : ValueTask.CompletedTask;
    }

    private async Task UpsertAsync(List<KeyValuePair<Address, PendingLeaf>> leaves, LeafColumns columns, CancellationToken cancellationToken)
    {
        for (var start = 0; start < leaves.Count;)
        {
            var rows = ChunkSize(leaves.Count - start, table.MaxRowsPerStatement);
            var command = store.CommandFor(table.UpsertMany(columns, rows));
            for (var row = 0; row < rows; row++)
            {
                var (address, leaf) = leaves[start + row];
                table.BindRow(command.Parameters, columns, row, scope, address, leaf.Atom, leaf.Timestamp);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            start += rows;
        }
    }

    /// <summary>Deletes the rows of deleted atoms that hold no timestamp either.</summary>
    private async Task DeleteEmptyAsync(List<KeyValuePair<Address, PendingLeaf>> leaves, CancellationToken cancellationToken)
    {
        for (var start = 0; start < leaves.Count;)
        {
            var rows = ChunkSize(leaves.Count - start, table.MaxRowsPerStatement);
            var command = store.CommandFor(table.DeleteEmptyMany(rows));
            for (var row = 0; row < rows; row++)
            {
                table.BindKey(command.Parameters, row * (1 + table.Depth), scope, leaves[start + row].Key);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            start += rows;
        }
    }

    private async ValueTask<(string? Atom, string? Timestamp)> ReadRowAsync(Address address, CancellationToken cancellationToken)
    {
        if (_lastRowAddress is { } last && last.Equals(address))
        {
            return _lastRow;
        }

        var command = store.CommandFor(table.ReadRow);
        table.BindKey(command.Parameters, 0, scope, address);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var row = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1))
            : default;
        (_lastRowAddress, _lastRow) = (address, row);
        return row;
    }

    private async ValueTask<LeafListing> ReadLeavesAsync(Address parent, CancellationToken cancellationToken)
    {
        if (_lastParent is { } last && last.Equals(parent) && _lastLeaves is { } remembered)
        {
            return remembered;
        }

        var command = await RangeAsync(table.ReadLeaves, parent, cancellationToken).ConfigureAwait(false);
        var listing = new LeafListing();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                listing.Add(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
            }
        }

        (_lastParent, _lastLeaves) = (parent, listing);
        return listing;
    }

    /// <summary>Drops the remembered reads: something was written.</summary>
    private void Forget() => (_lastRowAddress, _lastParent) = (null, null);
}
