using Npgsql;
using NpgsqlTypes;

namespace Synclets.Benchmarks.Postgres;

/// <summary>
/// Multi-row <c>INSERT … ON CONFLICT (address) DO UPDATE</c> into one depth-3 tree table, through
/// Npgsql directly: rows (address key, address1…3, value) gather in the parameters of one prepared
/// statement of <see cref="RowsPerStatement"/> rows, which runs whenever it is full. The raw
/// ceiling's writer, so it does no more than the database needs.
/// </summary>
internal sealed class BatchedUpsert : IDisposable
{
    /// <summary>Rows per statement: far more than the store's 16, to give the ceiling every advantage.</summary>
    public const int RowsPerStatement = 1000;

    private const int ColumnsPerRow = 5;
    private readonly NpgsqlConnection _connection;
    private readonly string _table;
    private readonly string _valueColumn;
    private readonly NpgsqlCommand _full;
    private int _rows;

    public BatchedUpsert(NpgsqlConnection connection, string table, string valueColumn, NpgsqlDbType valueType)
    {
        (_connection, _table, _valueColumn) = (connection, table, valueColumn);
        _full = Command(RowsPerStatement);
        for (var row = 0; row < RowsPerStatement; row++)
        {
            for (var id = 0; id < ColumnsPerRow - 1; id++)
            {
                _full.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
            }

            _full.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = valueType });
        }

        _full.Prepare();
    }

    /// <summary>Adds one row; ids past the end of <paramref name="address"/> (interior nodes) are null.</summary>
    public async Task AddAsync(string key, Address address, object value)
    {
        var first = _rows * ColumnsPerRow;
        _full.Parameters[first].Value = key;
        for (var level = 0; level < ColumnsPerRow - 2; level++)
        {
            _full.Parameters[first + 1 + level].Value = level < address.Count ? address[level] : DBNull.Value;
        }

        _full.Parameters[first + ColumnsPerRow - 1].Value = value;
        if (++_rows == RowsPerStatement)
        {
            await FlushAsync();
        }
    }

    /// <summary>Writes the gathered rows: with the prepared statement when full, else with one of their own size.</summary>
    public async Task FlushAsync()
    {
        if (_rows == RowsPerStatement)
        {
            await _full.ExecuteNonQueryAsync();
        }
        else if (_rows > 0)
        {
            await using var rest = Command(_rows);
            for (var i = 0; i < _rows * ColumnsPerRow; i++)
            {
                rest.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = _full.Parameters[i].NpgsqlDbType, Value = _full.Parameters[i].Value });
            }

            await rest.ExecuteNonQueryAsync();
        }

        _rows = 0;
    }

    public void Dispose() => _full.Dispose();

    /// <summary>The upsert of <paramref name="rows"/> rows, with positional parameters ($1…), Npgsql's cheapest kind.</summary>
    private NpgsqlCommand Command(int rows)
    {
        var values = string.Join(", ", Enumerable.Range(0, rows).Select(row =>
            "(" + string.Join(", ", Enumerable.Range(row * ColumnsPerRow + 1, ColumnsPerRow).Select(i => "$" + i)) + ")"));
        return new NpgsqlCommand(
            $"INSERT INTO {_table} (address, address1, address2, address3, \"{_valueColumn}\") VALUES {values} " +
            $"ON CONFLICT (address) DO UPDATE SET \"{_valueColumn}\" = excluded.\"{_valueColumn}\"",
            _connection);
    }
}
