using Npgsql;
using NpgsqlTypes;

namespace Synclets.Benchmarks.Postgres;

/// <summary>
/// Multi-row <c>INSERT … ON CONFLICT (key) DO UPDATE</c> into one table, through Npgsql directly:
/// rows gather in the parameters of one prepared statement of <see cref="RowsPerStatement"/> rows,
/// which runs whenever it is full. The raw ceiling's writer, so it does no more than the database needs.
/// </summary>
internal sealed class BatchedUpsert : IDisposable
{
    /// <summary>Rows per statement: far more than the store's, to give the ceiling every advantage.</summary>
    public const int RowsPerStatement = 1000;

    private readonly NpgsqlConnection _connection;
    private readonly string _sql;
    private readonly NpgsqlDbType[] _types;
    private readonly NpgsqlCommand _full;
    private int _rows;

    /// <summary>An upsert of <paramref name="columns"/> (the first <paramref name="keyCount"/> are the key; the rest are set on a conflict).</summary>
    public BatchedUpsert(NpgsqlConnection connection, string table, int keyCount, params (string Name, NpgsqlDbType Type)[] columns)
    {
        _connection = connection;
        _types = [.. columns.Select(column => column.Type)];
        var names = columns.Select(column => $"\"{column.Name}\"").ToList();
        _sql = $"INSERT INTO {table} ({string.Join(", ", names)}) VALUES {{0}} ON CONFLICT ({string.Join(", ", names.Take(keyCount))}) " +
               $"DO UPDATE SET {string.Join(", ", names.Skip(keyCount).Select(name => $"{name} = excluded.{name}"))}";
        _full = Command(RowsPerStatement);
        for (var row = 0; row < RowsPerStatement; row++)
        {
            foreach (var type in _types)
            {
                _full.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type });
            }
        }

        _full.Prepare();
    }

    /// <summary>Adds one row: a value per column, in order.</summary>
    public async Task AddAsync(params object[] values)
    {
        var first = _rows * _types.Length;
        for (var i = 0; i < values.Length; i++)
        {
            _full.Parameters[first + i].Value = values[i];
        }

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
            for (var i = 0; i < _rows * _types.Length; i++)
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
            "(" + string.Join(", ", Enumerable.Range(row * _types.Length + 1, _types.Length).Select(i => "$" + i)) + ")"));
        return new NpgsqlCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, _sql, values), _connection);
    }
}
