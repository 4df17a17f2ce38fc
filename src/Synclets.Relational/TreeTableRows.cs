using System.Data.Common;

namespace Synclets.Relational;

/// <summary>
/// Reads and writes the leaf rows of one tree table. Inside a batch, writes are held back and sent
/// as multi-row statements (sorted by key, up to the dialect's <see cref="ISqlDialect.MaxRowsPerStatement"/> rows
/// each) when the batch commits, when enough have gathered, or before a read that could see them;
/// point reads of held-back rows are answered without the database. Outside a batch every write
/// goes to the database at once.
/// </summary>
internal sealed class TreeTableRows(RelationalStore store, TreeTable table) : IHeldWrites
{
    private readonly PendingRows _pending = new();

    /// <summary>How many held-back rows trigger a flush.</summary>
    private int FlushThreshold => 4 * table.MaxRowsPerStatement;

    public TreeTable Table => table;

    /// <summary>The stored value of a leaf, or null when there is no row.</summary>
    public async ValueTask<string?> ReadAsync(Address address, CancellationToken cancellationToken)
    {
        var key = store.KeyOf(address);
        if (_pending.TryGet(key, out var pending))
        {
            return pending;
        }

        var command = store.CommandFor(table.ReadValue);
        command.Parameters[0].Value = key;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <summary>Writes (or, for null, deletes) a leaf's row.</summary>
    public async ValueTask WriteAsync(Address address, string? value, CancellationToken cancellationToken)
    {
        _pending.Set(store.KeyOf(address), address, value);
        if (!store.InBatch || _pending.Count >= FlushThreshold)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="statement"/> with the ids of <paramref name="prefix"/>, after flushing the rows it could see.</summary>
    public async ValueTask<DbCommand> RangeAsync(Statement statement, Address prefix, CancellationToken cancellationToken)
    {
        if (_pending.AnyUnder(prefix))
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return store.WithIds(statement, prefix);
    }

    /// <summary>Sends every held-back row to the database.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var (upserts, deletes) = _pending.Drain();
        for (var start = 0; start < upserts.Count;)
        {
            var rows = ChunkSize(upserts.Count - start, table.MaxRowsPerStatement);
            var command = store.CommandFor(table.UpsertMany(rows));
            for (var row = 0; row < rows; row++)
            {
                var (key, address, value) = upserts[start + row];
                table.BindRow(command.Parameters, row, key, address, value);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            start += rows;
        }

        for (var start = 0; start < deletes.Count;)
        {
            var rows = ChunkSize(deletes.Count - start, table.MaxRowsPerStatement);
            var command = store.CommandFor(table.DeleteMany(rows));
            for (var row = 0; row < rows; row++)
            {
                command.Parameters[row].Value = deletes[start + row];
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            start += rows;
        }
    }

    /// <summary>Forgets the held-back rows (the batch was rolled back).</summary>
    public void Discard() => _pending.Clear();

    /// <summary>How many of <paramref name="remaining"/> rows the next multi-row statement takes: powers of two keep the number of distinct prepared statements small.</summary>
    internal static int ChunkSize(int remaining, int max) =>
        remaining >= max ? max : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)remaining + 1) / 2;
}
