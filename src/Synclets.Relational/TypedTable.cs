using Synclets.Typed;

namespace Synclets.Relational;

/// <summary>
/// One record type's real table: the key columns (typed) as the primary key and one typed,
/// nullable column per value column, with the statements that mirror atoms into it. Columns the
/// table has beyond the record's (a newer version's) are mirrored too, so that version never finds
/// a cell this one left stale and mistakes it for another program's change.
/// </summary>
internal sealed class TypedTable
{
    // The types an atom of each kind may be stored as, tried in order against a newer version's column.
    private static readonly SyncletColumnType[] BooleanTypes = [SyncletColumnType.Boolean];
    private static readonly SyncletColumnType[] IntegerTypes = [SyncletColumnType.Integer, SyncletColumnType.Real, SyncletColumnType.Decimal];
    private static readonly SyncletColumnType[] DoubleTypes = [SyncletColumnType.Real, SyncletColumnType.Decimal];
    private static readonly SyncletColumnType[] StringTypes =
    [
        SyncletColumnType.Text, SyncletColumnType.Enum, SyncletColumnType.Duration, SyncletColumnType.Uuid,
        SyncletColumnType.DateTimeOffset, SyncletColumnType.DateTime, SyncletColumnType.Decimal,
    ];

    private readonly ISqlDialect _dialect;
    private readonly string _quotedTable;
    private readonly List<string> _quotedKeys;
    private readonly Dictionary<string, int> _columnIndex;
    private readonly Dictionary<int, Statement> _clearCell = [];
    private readonly Dictionary<int, Statement> _readCell = [];
    private readonly List<(string Name, string SqlType)> _newerColumns = [];
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
             .. map.ValueColumns.Select(column => new ColumnDefinition(column.Name, column.Type, IsAddedProperty: true, ReadsWithoutValue: column.IsNullable || column.HasDefault))],
            [])
        {
            ExistingColumnsFound = NoteNewerColumns,
        };
        _quotedTable = dialect.QuoteTable(schema, name);
        _quotedKeys = [.. map.KeyColumns.Select(column => dialect.QuoteIdentifier(column.Name))];
        _columnIndex = map.ValueColumns.Select((column, index) => (column.Name, index)).ToDictionary(pair => pair.Name, pair => pair.index, StringComparer.Ordinal);
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

    /// <summary>How many cells a row mirrors: the record's value columns, then a newer version's.</summary>
    public int CellCount => Map.ValueColumns.Count + _newerColumns.Count;

    /// <summary>The index of a mirrored column (a value column, or a newer version's), or -1 for one the table lacks.</summary>
    public int ColumnIndex(string column) => _columnIndex.GetValueOrDefault(column, -1);

    /// <summary>Whether the column at <paramref name="column"/> is one of the record's own value columns.</summary>
    public bool IsRecordColumn(int column) => column < Map.ValueColumns.Count;

    /// <summary>The name of the mirrored column at <paramref name="column"/>.</summary>
    public string ColumnName(int column) =>
        IsRecordColumn(column) ? Map.ValueColumns[column].Name : _newerColumns[column - Map.ValueColumns.Count].Name;

    /// <summary>
    /// The value an atom is stored as in its cell: by the record's column type, or, in a newer
    /// version's column, as the first type its kind can take that the column's SQL type holds.
    /// False (store NULL) when there is none.
    /// </summary>
    public bool TryToCellValue(int column, Atom atom, out object value)
    {
        if (IsRecordColumn(column))
        {
            return _dialect.TryToColumnValue(atom, Map.ValueColumns[column].Type, out value);
        }

        value = DBNull.Value;
        if (atom.IsNull)
        {
            return true;
        }

        var sqlType = _newerColumns[column - Map.ValueColumns.Count].SqlType;
        var candidates = atom.Kind switch
        {
            AtomKind.Boolean => BooleanTypes,
            AtomKind.Integer => IntegerTypes,
            AtomKind.Double => DoubleTypes,
            _ => StringTypes,
        };
        foreach (var type in candidates)
        {
            if (_dialect.IsType(sqlType, type) && _dialect.TryToColumnValue(atom, type, out value))
            {
                return true;
            }
        }

        value = DBNull.Value;
        return false;
    }

    /// <summary>Remembers the columns an existing table has beyond the record's keys and values: a newer version's.</summary>
    private void NoteNewerColumns(IReadOnlyDictionary<string, (string Type, bool IsKey)> existing)
    {
        foreach (var (name, (sqlType, isKey)) in existing.OrderBy(column => column.Key, StringComparer.Ordinal))
        {
            if (!isKey && !_columnIndex.ContainsKey(name) && !Map.KeyColumns.Any(key => string.Equals(key.Name, name, StringComparison.OrdinalIgnoreCase))
                && !Map.ValueColumns.Any(value => string.Equals(value.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                _columnIndex[name] = CellCount;
                _newerColumns.Add((name, sqlType));
            }
        }
    }

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
            var columns = Enumerable.Range(0, values.Length).Where(index => values[index] is not null).Select(index => _dialect.QuoteIdentifier(ColumnName(index))).ToList();
            _upsertCells[mask] = statement = new Statement(_dialect.Upsert(_quotedTable, [.. _quotedKeys, .. columns], _quotedKeys, columns), KeyCount + columns.Count);
        }

        return statement;
    }

    /// <summary>Sets one cell to NULL: parameters are the key values.</summary>
    public Statement ClearCell(int column)
    {
        if (!_clearCell.TryGetValue(column, out var statement))
        {
            _clearCell[column] = statement = new Statement(
                $"UPDATE {_quotedTable} SET {_dialect.QuoteIdentifier(ColumnName(column))} = NULL WHERE {KeyCondition(0)}", KeyCount);
        }

        return statement;
    }

    /// <summary>Reads one cell: parameters are the key values.</summary>
    public Statement ReadCell(int column)
    {
        if (!_readCell.TryGetValue(column, out var statement))
        {
            _readCell[column] = statement = new Statement(
                $"SELECT {_dialect.QuoteIdentifier(ColumnName(column))} FROM {_quotedTable} WHERE {KeyCondition(0)}", KeyCount);
        }

        return statement;
    }

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
