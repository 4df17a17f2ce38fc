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
/// Reads are remembered within a batch: the last row until the next write (a synclet reads a leaf's
/// atom and then its timestamp), and each leaf parent's listing until a leaf under it is written (it
/// reads a parent's timestamps and then its atoms). When the synclet says which leaf parents it reads
/// next (<see cref="Expect"/>), a listing not yet read is read with the next ones, up to
/// <see cref="LeafTable.MaxLeafParentsPerRead"/> in one query.
/// </remarks>
internal sealed class LeafRows(RelationalStore store, LeafTable table, TreeTableOptions options) : IHeldWrites
{
    /// <summary>
    /// The most leaf parents' listings remembered at once: past it they are forgotten (and read again
    /// if needed), so a message naming many leaf parents cannot make a batch hold every one it read.
    /// </summary>
    internal const int MaxRememberedListings = 1_024;

    private static readonly LeafColumns[] WriteOrder = [LeafColumns.Both, LeafColumns.Atom, LeafColumns.Timestamp];
    private readonly PendingLeaves _pending = new();
    private readonly Dictionary<Address, LeafListing> _listings = [];
    private Address? _lastRowAddress;
    private (string? Atom, string? Timestamp) _lastRow;
    private Address _expectedParent;
    private List<string>? _expectedIds;
    private Dictionary<string, int>? _expectedAt;

    /// <summary>How many held-back leaves trigger a flush: enough for a bulk write where the store has one.</summary>
    private int FlushThreshold => store.BulkUpsertRows > 0 ? 4 * store.BulkUpsertRows : 4 * table.MaxRowsPerStatement;

    public LeafTable Table => table;

    /// <summary>The names of the first connector that joined (the other's name the same tables and scope).</summary>
    public TreeTableOptions Options => options;

    public string Scope => options.Scope;

    /// <summary>How many leaf parents' listings are remembered now.</summary>
    internal int RememberedListings => _listings.Count;

    /// <summary>Whether a meta connector keeps this tree's hashes in the store (a data connector may be alone).</summary>
    public bool KeepsHashes { get; set; }

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
        return AfterWriteAsync(address, cancellationToken);
    }

    /// <summary>Writes a leaf's timestamp.</summary>
    public ValueTask WriteTimestampAsync(Address address, string timestamp, CancellationToken cancellationToken)
    {
        _pending.SetTimestamp(address, timestamp);
        return AfterWriteAsync(address, cancellationToken);
    }

    /// <summary>Notes the leaf parents under <paramref name="parent"/> the synclet reads next, in order (a hint; depth 2 and more).</summary>
    public void Expect(Address parent, IReadOnlyList<string> ids)
    {
        if (table.Depth < 2 || parent.Count != table.Depth - 2 || ids.Count < 2 || !store.InBatch)
        {
            return;
        }

        (_expectedParent, _expectedIds) = (parent, [.. ids]);
        _expectedAt = new Dictionary<string, int>(_expectedIds.Count, StringComparer.Ordinal);
        for (var i = 0; i < _expectedIds.Count; i++)
        {
            _expectedAt.TryAdd(_expectedIds[i], i);
        }
    }

    /// <summary>Forgets every remembered read: the batch is over, and other code may write before the next.</summary>
    public void EndBatch()
    {
        _lastRowAddress = null;
        _listings.Clear();
        (_expectedIds, _expectedAt) = (null, null);
    }

    /// <summary>Runs <paramref name="statement"/> with the scope and the ids of <paramref name="prefix"/>, after flushing the rows it could see.</summary>
    public async ValueTask<DbCommand> RangeAsync(Statement statement, Address prefix, CancellationToken cancellationToken)
    {
        if (_pending.AnyUnder(prefix))
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        var command = store.CommandFor(statement);
        table.BindKey(command.Parameters, 0, Scope, prefix);
        return command;
    }

    /// <summary>Sends every held-back write to the database.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
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
        EndBatch();
    }

    /// <summary>How many of <paramref name="remaining"/> rows the next multi-row statement takes: powers of two keep the number of distinct prepared statements small.</summary>
    internal static int ChunkSize(int remaining, int max) =>
        remaining >= max ? max : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)remaining + 1) / 2;

    private ValueTask AfterWriteAsync(Address address, CancellationToken cancellationToken)
    {
        _lastRowAddress = null;
        _listings.Remove(address.Parent);
        return !store.InBatch || _pending.Count >= FlushThreshold ? new ValueTask(FlushAsync(cancellationToken)) : ValueTask.CompletedTask;
    }

    private async Task UpsertAsync(List<KeyValuePair<Address, PendingLeaf>> leaves, LeafColumns columns, CancellationToken cancellationToken)
    {
        if (store.BulkUpsertRows > 0 && leaves.Count >= store.BulkUpsertRows)
        {
            await store.BulkUpsertAsync(table.Bulk(columns, leaves.ConvertAll(leaf => BulkRow(columns, leaf.Key, leaf.Value))), cancellationToken).ConfigureAwait(false);
            return;
        }

        for (var start = 0; start < leaves.Count;)
        {
            var rows = ChunkSize(leaves.Count - start, table.MaxRowsPerStatement);
            var command = store.CommandFor(table.UpsertMany(columns, rows));
            for (var row = 0; row < rows; row++)
            {
                var (address, leaf) = leaves[start + row];
                table.BindRow(command.Parameters, columns, row, Scope, address, leaf.Atom, leaf.Timestamp);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            start += rows;
        }
    }

    /// <summary>One row of a bulk write: the scope, the ids, then the values of <paramref name="columns"/>.</summary>
    private string?[] BulkRow(LeafColumns columns, Address address, PendingLeaf leaf)
    {
        var ids = address.AsSpan();
        var row = new string?[1 + ids.Length + (columns == LeafColumns.Both ? 2 : 1)];
        row[0] = Scope;
        var next = 1;
        foreach (var id in ids)
        {
            row[next++] = id;
        }

        if (columns != LeafColumns.Timestamp)
        {
            row[next++] = leaf.Atom;
        }

        if (columns != LeafColumns.Atom)
        {
            row[next] = leaf.Timestamp;
        }

        return row;
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
                table.BindKey(command.Parameters, row * (1 + table.Depth), Scope, leaves[start + row].Key);
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
        table.BindKey(command.Parameters, 0, Scope, address);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var row = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1))
            : default;
        if (store.InBatch)
        {
            (_lastRowAddress, _lastRow) = (address, row);
        }

        return row;
    }

    private async ValueTask<LeafListing> ReadLeavesAsync(Address parent, CancellationToken cancellationToken)
    {
        if (_listings.TryGetValue(parent, out var remembered))
        {
            return remembered;
        }

        if (ExpectedFrom(parent) is { } window)
        {
            return (await ReadLeafParentsAsync(parent.Parent, window, cancellationToken).ConfigureAwait(false))[parent.LastId];
        }

        var command = await RangeAsync(table.ReadLeaves, parent, cancellationToken).ConfigureAwait(false);
        var listing = new LeafListing();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                listing.Add(reader, 0);
            }
        }

        if (store.InBatch)
        {
            Remember(parent, listing);
        }

        return listing;
    }

    private void Remember(Address parent, LeafListing listing)
    {
        if (_listings.Count >= MaxRememberedListings)
        {
            _listings.Clear();
        }

        _listings[parent] = listing;
    }

    /// <summary>
    /// The last ids of <paramref name="parent"/> and of the expected leaf parents after it that are not
    /// remembered yet, as many as one read takes; null when <paramref name="parent"/> was not expected.
    /// </summary>
    private List<string>? ExpectedFrom(Address parent)
    {
        if (_expectedAt is null || _expectedIds is null || parent.Count == 0 || !parent.Parent.Equals(_expectedParent)
            || !_expectedAt.TryGetValue(parent.LastId, out var at))
        {
            return null;
        }

        var window = new List<string>(LeafTable.MaxLeafParentsPerRead) { parent.LastId };
        for (var i = at + 1; i < _expectedIds.Count && window.Count < LeafTable.MaxLeafParentsPerRead; i++)
        {
            if (!_listings.ContainsKey(parent.Parent.Append(_expectedIds[i])))
            {
                window.Add(_expectedIds[i]);
            }
        }

        return window;
    }

    /// <summary>Reads the listings of several leaf parents under <paramref name="shared"/> in as few queries as the statement sizes allow.</summary>
    private async Task<Dictionary<string, LeafListing>> ReadLeafParentsAsync(Address shared, List<string> lastIds, CancellationToken cancellationToken)
    {
        var parents = lastIds.Select(shared.Append).ToList();
        if (parents.Exists(_pending.AnyUnder))
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        var listings = new Dictionary<string, LeafListing>(lastIds.Count, StringComparer.Ordinal);
        foreach (var id in lastIds)
        {
            listings[id] = new LeafListing();
        }

        for (var start = 0; start < lastIds.Count;)
        {
            var count = ChunkSize(lastIds.Count - start, LeafTable.MaxLeafParentsPerRead);
            var command = store.CommandFor(table.ReadLeafParents(count));
            var next = table.BindKey(command.Parameters, 0, Scope, shared);
            for (var i = 0; i < count; i++)
            {
                command.Parameters[next + i].Value = lastIds[start + i];
            }

            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    listings[reader.GetString(0)].Add(reader, 1);
                }
            }

            start += count;
        }

        foreach (var (id, listing) in listings)
        {
            Remember(shared.Append(id), listing);
        }

        return listings;
    }
}
