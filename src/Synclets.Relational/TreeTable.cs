using System.Data.Common;
using Synclets.Typed;

namespace Synclets.Relational;

/// <summary>
/// One table of the tree layout and the statements over it: rows keyed by the address's JSON
/// array, one column per id (<c>address1…addressN</c>, indexed together, so every prefix lookup is
/// an index range) and one value column. Leaf rows have every id column set; the meta table also
/// holds one row per interior node (shorter address, the missing id columns null) for its hash.
/// </summary>
internal sealed class TreeTable
{
    private readonly Statement[] _childIds;
    private readonly Statement[] _leavesUnder;
    private readonly Statement?[] _upsertMany;
    private readonly Statement?[] _deleteMany;
    private readonly Statement?[] _xorHashMany;
    private readonly ISqlDialect _dialect;
    private readonly string _quotedTable;
    private readonly string _quotedAddress;
    private readonly string _quotedValue;
    private readonly List<string> _quotedIds;
    private readonly string? _quotedHash;

    public TreeTable(ISqlDialect dialect, string table, TreeTableOptions options, int depth, string valueColumn, SyncletColumnType valueType, string? hashColumn = null)
    {
        Depth = depth;
        Name = table;
        MaxRowsPerStatement = dialect.MaxRowsPerStatement >= 1
            ? dialect.MaxRowsPerStatement
            : throw new ArgumentException($"The {dialect.Name} dialect's MaxRowsPerStatement is {dialect.MaxRowsPerStatement}; it must be at least 1.", nameof(dialect));
        (_upsertMany, _deleteMany, _xorHashMany) = (new Statement?[MaxRowsPerStatement + 1], new Statement?[MaxRowsPerStatement + 1], new Statement?[MaxRowsPerStatement + 1]);
        var idColumns = Enumerable.Range(1, depth).Select(options.AddressColumnAt).ToList();
        var columns = new List<ColumnDefinition> { new(options.AddressColumn, SyncletColumnType.Text, IsKey: true) };
        columns.AddRange(idColumns.Select(column => new ColumnDefinition(column, SyncletColumnType.Text)));
        columns.Add(new ColumnDefinition(valueColumn, valueType));
        if (hashColumn is not null)
        {
            columns.Add(new ColumnDefinition(hashColumn, SyncletColumnType.Integer));
        }

        Definition = new TableDefinition(
            options.Schema,
            table,
            columns,
            [(table + "_" + options.AddressColumnPrefix + "_prefix", idColumns)],
            [(options.AddressColumnAt(depth + 1), $"the table holds a deeper tree than this connector's depth {depth}")]);

        var q = dialect.QuoteIdentifier;
        var p = dialect.ParameterName;
        var quotedTable = dialect.QuoteTable(options.Schema, table);
        var (address, value) = (q(options.AddressColumn), q(valueColumn));
        var ids = idColumns.Select(q).ToList();
        (_dialect, _quotedTable, _quotedAddress, _quotedValue, _quotedIds) = (dialect, quotedTable, address, value, ids);
        string Prefix(int count, int firstParameter = 0) =>
            string.Concat(Enumerable.Range(0, count).Select(i => $" AND {ids[i]} = {p(firstParameter + i)}"));

        ReadValue = new($"SELECT {value} FROM {quotedTable} WHERE {address} = {p(0)}", 1);
        _childIds = [.. Enumerable.Range(0, depth).Select(level =>
            new Statement($"SELECT DISTINCT {ids[level]} FROM {quotedTable} WHERE {ids[level]} IS NOT NULL{Prefix(level)}", level))];
        Leaves = new($"SELECT {ids[depth - 1]}, {value} FROM {quotedTable} WHERE {ids[depth - 1]} IS NOT NULL{Prefix(depth - 1)}", depth - 1);
        _leavesUnder = [.. Enumerable.Range(0, depth).Select(level =>
            new Statement($"SELECT {string.Join(", ", ids)}, {value} FROM {quotedTable} WHERE {ids[depth - 1]} IS NOT NULL{Prefix(level)}", level))];
        if (hashColumn is not null)
        {
            var hash = _quotedHash = q(hashColumn);
            ReadHash = new($"SELECT {hash} FROM {quotedTable} WHERE {address} = {p(0)}", 1);
            UpsertHash = new(dialect.Upsert(quotedTable, [address, .. ids, hash], [address], [hash]), depth + 2);
        }
    }

    public int Depth { get; }

    /// <summary>The most rows one multi-row statement writes or deletes (the dialect's choice).</summary>
    public int MaxRowsPerStatement { get; }

    public string Name { get; }

    public TableDefinition Definition { get; }

    /// <summary>The value of one row: parameter 0 is the address key.</summary>
    public Statement ReadValue { get; }

    /// <summary>The leaves under one leaf parent, as (last id, value): parameters are the parent's ids.</summary>
    public Statement Leaves { get; }

    /// <summary>Every leaf, as (ids…, value).</summary>
    public Statement All => _leavesUnder[0];

    /// <summary>The hash of an interior node (meta table only): parameter 0 is the address key.</summary>
    public Statement? ReadHash { get; }

    /// <summary>Writes the hash of an interior node (meta table only): the address key, the ids (null past the address), the hash.</summary>
    public Statement? UpsertHash { get; }

    /// <summary>
    /// Writes <paramref name="rows"/> leaves in one statement: for each row the address key, the
    /// ids and the value, its parameters following the previous row's.
    /// </summary>
    public Statement UpsertMany(int rows)
    {
        if (_upsertMany[rows] is { } statement)
        {
            return statement;
        }

        var sql = _dialect.Upsert(_quotedTable, [_quotedAddress, .. _quotedIds, _quotedValue], [_quotedAddress], [_quotedValue], rows);
        var perRow = Depth + 2;
        return _upsertMany[rows] = new Statement(sql, rows * perRow);
    }

    /// <summary>
    /// Binds row <paramref name="row"/> of a multi-row upsert (<see cref="UpsertMany"/>,
    /// <see cref="XorHashMany"/>): the address key, the ids (null past the end of a parent's
    /// address) and the value.
    /// </summary>
    public void BindRow(DbParameterCollection parameters, int row, string key, Address address, object value)
    {
        var offset = row * (Depth + 2);
        parameters[offset].Value = key;
        var ids = address.AsSpan();
        for (var level = 0; level < Depth; level++)
        {
            parameters[offset + 1 + level].Value = level < ids.Length ? ids[level] : DBNull.Value;
        }

        parameters[offset + Depth + 1].Value = value;
    }

    /// <summary>
    /// XORs deltas into the hashes of <paramref name="rows"/> interior nodes in one statement (meta
    /// table only), inserting the rows that are missing: for each row the address key, the ids (null
    /// past the address) and the delta. Null when the dialect has no such statement.
    /// </summary>
    public Statement? XorHashMany(int rows)
    {
        if (_xorHashMany[rows] is { } statement)
        {
            return statement;
        }

        var hash = _quotedHash ?? throw new InvalidOperationException("Only the meta table keeps hashes.");
        var sql = _dialect.XorUpsert(_quotedTable, [_quotedAddress, .. _quotedIds, hash], [_quotedAddress], hash, rows);
        return sql is null ? null : _xorHashMany[rows] = new Statement(sql, rows * (Depth + 2));
    }

    /// <summary>Deletes <paramref name="rows"/> rows by address key in one statement.</summary>
    public Statement DeleteMany(int rows) =>
        _deleteMany[rows] ??= new Statement(
            $"DELETE FROM {_quotedTable} WHERE {_quotedAddress} IN ({string.Join(", ", Enumerable.Range(0, rows).Select(_dialect.ParameterName))})",
            rows);

    /// <summary>Every leaf under a parent of <paramref name="parentLevel"/> ids, as (ids…, value): parameters are the parent's ids.</summary>
    public Statement LeavesUnder(int parentLevel) => _leavesUnder[parentLevel];

    /// <summary>The distinct child ids under a parent: parameters are the parent's ids.</summary>
    public Statement ChildIds(int parentLevel) => _childIds[parentLevel];
}
