using Synclets.Typed;

namespace Synclets.Relational;

/// <summary>
/// One record type's real table: the key columns (typed) as the primary key and one typed,
/// nullable column per value column, with the statements that mirror atoms into it.
/// </summary>
internal sealed class TypedTable
{
    private readonly ISqlDialect _dialect;
    private readonly string _quotedTable;
    private readonly List<string> _quotedKeys;
    private readonly Dictionary<string, int> _columnIndex;
    private readonly Statement?[] _clearCell;
    private readonly Statement?[] _readCell;
    private readonly Dictionary<string, Statement> _upsertCells = new(StringComparer.Ordinal);

    public TypedTable(ISqlDialect dialect, string? schema, string name, string? tableId, ISyncletTableMap map)
    {
        _dialect = dialect;
        Name = name;
        TableId = tableId;
        Map = map;
        var keyNames = map.KeyColumns.Select(column => column.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (map.ValueColumns.FirstOrDefault(column => keyNames.Contains(column.Name)) is { } clash)
        {
            throw new ArgumentException($"Table '{name}' has a key and a value column both named '{clash.Name}'; a SQL table cannot hold both.");
        }

        Definition = new TableDefinition(
            schema,
            name,
            [.. map.KeyColumns.Select(column => new ColumnDefinition(column.Name, column.Type, IsKey: true)),
             .. map.ValueColumns.Select(column => new ColumnDefinition(column.Name, column.Type, IsAddedProperty: true, IsNullable: column.IsNullable))],
            []);
        _quotedTable = dialect.QuoteTable(schema, name);
        _quotedKeys = [.. map.KeyColumns.Select(column => dialect.QuoteIdentifier(column.Name))];
        _columnIndex = map.ValueColumns.Select((column, index) => (column.Name, index)).ToDictionary(pair => pair.Name, pair => pair.index, StringComparer.Ordinal);
        _clearCell = new Statement?[map.ValueColumns.Count];
        _readCell = new Statement?[map.ValueColumns.Count];
        DeleteRow = new Statement($"DELETE FROM {_quotedTable} WHERE {KeyCondition(0)}", _quotedKeys.Count);
        SelectAll = $"SELECT {string.Join(", ", _quotedKeys.Concat(map.ValueColumns.Select(column => dialect.QuoteIdentifier(column.Name))))} FROM {_quotedTable}";
    }

    /// <summary>The SQL table's name.</summary>
    public string Name { get; }

    /// <summary>The table's id in the tree (the first id of its addresses), or null for a table at the root.</summary>
    public string? TableId { get; }

    public ISyncletTableMap Map { get; }

    public TableDefinition Definition { get; }

    public int KeyCount => Map.KeyColumns.Count;

    /// <summary>Deletes a row: parameters are its key values.</summary>
    public Statement DeleteRow { get; }

    /// <summary>Reads every row: key columns, then value columns in map order.</summary>
    public string SelectAll { get; }

    /// <summary>The index of a value column, or -1 for an unknown one.</summary>
    public int ColumnIndex(string column) => _columnIndex.GetValueOrDefault(column, -1);

    /// <summary>
    /// Sets the cells whose <paramref name="values"/> are not null, creating the row if needed:
    /// parameters are the key values, then those cells' values in column order.
    /// </summary>
    public Statement UpsertCells(object?[] values)
    {
        var mask = string.Create(values.Length, values, static (span, values) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = values[i] is null ? '0' : '1';
            }
        });
        if (!_upsertCells.TryGetValue(mask, out var statement))
        {
            var columns = Map.ValueColumns.Where((_, index) => values[index] is not null).Select(column => _dialect.QuoteIdentifier(column.Name)).ToList();
            _upsertCells[mask] = statement = new Statement(_dialect.Upsert(_quotedTable, [.. _quotedKeys, .. columns], _quotedKeys, columns), KeyCount + columns.Count);
        }

        return statement;
    }

    /// <summary>Sets one cell to NULL: parameters are the key values.</summary>
    public Statement ClearCell(int column) =>
        _clearCell[column] ??= new Statement(
            $"UPDATE {_quotedTable} SET {_dialect.QuoteIdentifier(Map.ValueColumns[column].Name)} = NULL WHERE {KeyCondition(0)}", KeyCount);

    /// <summary>Reads one cell: parameters are the key values.</summary>
    public Statement ReadCell(int column) =>
        _readCell[column] ??= new Statement(
            $"SELECT {_dialect.QuoteIdentifier(Map.ValueColumns[column].Name)} FROM {_quotedTable} WHERE {KeyCondition(0)}", KeyCount);

    /// <summary>Converts a row's key ids to key column values; false when an id cannot be such a key.</summary>
    public bool TryKeyValues(Address address, int offset, out object[] values)
    {
        values = new object[KeyCount];
        for (var key = 0; key < KeyCount; key++)
        {
            if (!Map.AcceptsKey(key, address[offset + key])
                || !_dialect.TryKeyToColumnValue(address[offset + key], Map.KeyColumns[key].Type, out values[key]))
            {
                return false;
            }
        }

        return true;
    }

    private string KeyCondition(int firstParameter) =>
        string.Join(" AND ", _quotedKeys.Select((key, index) => $"{key} = {_dialect.ParameterName(firstParameter + index)}"));
}
