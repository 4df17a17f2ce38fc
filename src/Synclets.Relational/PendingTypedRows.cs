using System.Data.Common;

namespace Synclets.Relational;

/// <summary>
/// Typed cells a batch has set but not yet written, gathered by row: each row is then written with
/// one upsert of the cells set, instead of one statement per cell.
/// </summary>
internal sealed class PendingTypedRows(RelationalStore store) : IHeldWrites
{
    /// <summary>How many held-back rows trigger a flush.</summary>
    public const int FlushThreshold = 256;

    private readonly Dictionary<(TypedTable Table, Address Row), PendingRow> _rows = [];

    public int Count => _rows.Count;

    /// <summary>Holds the new value of one cell.</summary>
    public void Set(TypedTable table, Address row, object[] keys, int column, object value)
    {
        if (!_rows.TryGetValue((table, row), out var pending))
        {
            _rows[(table, row)] = pending = new PendingRow(keys, new object?[table.CellCount]);
        }

        pending.Values[column] = value;
    }

    /// <summary>Writes every held-back row, one upsert each.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_rows.Count == 0)
        {
            return;
        }

        var rows = _rows.ToList();
        _rows.Clear();
        foreach (var ((table, _), row) in rows)
        {
            var statement = table.UpsertCells(row.Values);
            DbCommand command = store.CommandFor(statement);
            var parameter = 0;
            foreach (var key in row.Keys)
            {
                command.Parameters[parameter++].Value = key;
            }

            foreach (var value in row.Values)
            {
                if (value is not null)
                {
                    command.Parameters[parameter++].Value = value;
                }
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Discard() => _rows.Clear();

    /// <summary>A row's key values and its set cells (null = not set in this batch).</summary>
    private sealed record PendingRow(object[] Keys, object?[] Values);
}
