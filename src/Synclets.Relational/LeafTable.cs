using System.Data.Common;
using Synclets.Typed;

namespace Synclets.Relational;

/// <summary>
/// The leaf table of a tree and the statements over it: one row per leaf, keyed by the scope and one
/// column per id (<c>address1…addressN</c>, the primary key, so every prefix lookup is a key range),
/// holding the atom (null once deleted) and its timestamp. The data and meta connectors of a store
/// share its rows; each reads the rows where its own column is set.
/// </summary>
/// <remarks>Every statement takes the scope as parameter 0 and ids from parameter 1 on.</remarks>
internal sealed class LeafTable
{
    private readonly Statement[] _atomChildIds;
    private readonly Statement[] _timestampChildIds;
    private readonly Statement[] _atomsUnder;
    private readonly Dictionary<(LeafColumns, int), Statement> _upsertMany = [];
    private readonly Statement?[] _deleteEmptyMany;
    private readonly Statement?[] _readLeafParents = new Statement?[MaxLeafParentsPerRead + 1];
    private readonly ISqlDialect _dialect;
    private readonly string _quotedTable;
    private readonly string _quotedScope;
    private readonly string[] _quotedIds;
    private readonly string _quotedAtom;
    private readonly string _quotedTimestamp;

    public LeafTable(ISqlDialect dialect, TreeTableOptions options, int depth)
    {
        Depth = depth;
        MaxRowsPerStatement = dialect.MaxRowsPerStatement >= 1
            ? dialect.MaxRowsPerStatement
            : throw new ArgumentException($"The {dialect.Name} dialect's MaxRowsPerStatement is {dialect.MaxRowsPerStatement}; it must be at least 1.", nameof(dialect));
        _deleteEmptyMany = new Statement?[MaxRowsPerStatement + 1];
        var idColumns = Enumerable.Range(1, depth).Select(options.AddressColumnAt).ToList();
        var columns = new List<ColumnDefinition> { new(options.ScopeColumn, SyncletColumnType.Text, IsKey: true) };
        columns.AddRange(idColumns.Select(column => new ColumnDefinition(column, SyncletColumnType.Text, IsKey: true)));
        columns.Add(new ColumnDefinition(options.AtomColumn, SyncletColumnType.Text));
        columns.Add(new ColumnDefinition(options.TimestampColumn, SyncletColumnType.Text));
        Definition = new TableDefinition(
            options.Schema,
            options.LeafTable,
            columns,
            [])
        {
            KeyOrdered = true,
            TreeShape = (depth, options.AddressColumnAt),
        };

        var q = dialect.QuoteIdentifier;
        var p = dialect.ParameterName;
        (_dialect, _quotedTable, _quotedScope) = (dialect, dialect.QuoteTable(options.Schema, options.LeafTable), q(options.ScopeColumn));
        (_quotedIds, _quotedAtom, _quotedTimestamp) = ([.. idColumns.Select(q)], q(options.AtomColumn), q(options.TimestampColumn));
        var ids = _quotedIds;
        string Under(int count) =>
            $"{_quotedScope} = {p(0)}" + string.Concat(Enumerable.Range(0, count).Select(i => $" AND {ids[i]} = {p(1 + i)}"));

        ReadRow = new($"SELECT {_quotedAtom}, {_quotedTimestamp} FROM {_quotedTable} WHERE {Under(depth)}", depth + 1);
        ReadLeaves = new($"SELECT {ids[depth - 1]}, {_quotedAtom}, {_quotedTimestamp} FROM {_quotedTable} WHERE {Under(depth - 1)}", depth);
        _atomChildIds = [.. Enumerable.Range(0, depth).Select(level => ChildIds(level, _quotedAtom))];
        _timestampChildIds = [.. Enumerable.Range(0, depth).Select(level => ChildIds(level, _quotedTimestamp))];
        _atomsUnder = [.. Enumerable.Range(0, depth).Select(level => Leaves(level, _quotedAtom))];
        AllTimestamps = Leaves(0, _quotedTimestamp);

        Statement ChildIds(int level, string column) => new(
            $"SELECT DISTINCT {ids[level]} FROM {_quotedTable} WHERE {Under(level)} AND {column} IS NOT NULL", level + 1);
        Statement Leaves(int level, string column) => new(
            $"SELECT {string.Join(", ", ids)}, {column} FROM {_quotedTable} WHERE {Under(level)} AND {column} IS NOT NULL", level + 1);
    }

    /// <summary>The most leaf parents one read of several takes (<see cref="ReadLeafParents"/>).</summary>
    public const int MaxLeafParentsPerRead = 64;

    public int Depth { get; }

    /// <summary>The most rows one multi-row statement writes or deletes (the dialect's choice).</summary>
    public int MaxRowsPerStatement { get; }

    public TableDefinition Definition { get; }

    /// <summary>One leaf's (atom, timestamp): parameters are the scope and the leaf's ids.</summary>
    public Statement ReadRow { get; }

    /// <summary>The leaves under one leaf parent, as (last id, atom, timestamp): parameters are the scope and the parent's ids.</summary>
    public Statement ReadLeaves { get; }

    /// <summary>
    /// The leaves under <paramref name="count"/> leaf parents that share their parent, as (parent's
    /// last id, last id, atom, timestamp): parameters are the scope, the shared parent's ids and the
    /// leaf parents' last ids. One key range per leaf parent (<c>… AND addressN-1 IN (…)</c>).
    /// </summary>
    public Statement ReadLeafParents(int count)
    {
        if (_readLeafParents[count] is { } statement)
        {
            return statement;
        }

        var p = _dialect.ParameterName;
        var shared = Depth - 2;
        var where = $"{_quotedScope} = {p(0)}" + string.Concat(Enumerable.Range(0, shared).Select(i => $" AND {_quotedIds[i]} = {p(1 + i)}"));
        var last = string.Join(", ", Enumerable.Range(1 + shared, count).Select(p));
        return _readLeafParents[count] = new Statement(
            $"SELECT {_quotedIds[Depth - 2]}, {_quotedIds[Depth - 1]}, {_quotedAtom}, {_quotedTimestamp} FROM {_quotedTable} WHERE {where} AND {_quotedIds[Depth - 2]} IN ({last})",
            1 + shared + count);
    }

    /// <summary>Every leaf's timestamp, as (ids…, timestamp): the parameter is the scope.</summary>
    public Statement AllTimestamps { get; }

    /// <summary>Every atom under a parent of <paramref name="parentLevel"/> ids, as (ids…, atom): parameters are the scope and the parent's ids.</summary>
    public Statement AtomsUnder(int parentLevel) => _atomsUnder[parentLevel];

    /// <summary>The distinct child ids under a parent, of leaves that hold an atom (or a timestamp, for the meta connector).</summary>
    public Statement ChildIds(int parentLevel, bool ofAtoms) => (ofAtoms ? _atomChildIds : _timestampChildIds)[parentLevel];

    /// <summary>
    /// Writes <paramref name="rows"/> leaves in one statement, setting the <paramref name="columns"/>
    /// given and leaving the other as it was: for each row the scope, the ids and the values.
    /// </summary>
    public Statement UpsertMany(LeafColumns columns, int rows)
    {
        if (_upsertMany.TryGetValue((columns, rows), out var statement))
        {
            return statement;
        }

        var values = ValueColumns(columns);
        string[] key = [_quotedScope, .. _quotedIds];
        var sql = _dialect.Upsert(_quotedTable, [.. key, .. values], key, values, rows);
        return _upsertMany[(columns, rows)] = new Statement(sql, rows * (key.Length + values.Length));
    }

    /// <summary>
    /// A bulk write of leaves setting <paramref name="columns"/>: each row the scope, the ids and the
    /// values, as <see cref="BindRow"/> binds them.
    /// </summary>
    public BulkUpsert Bulk(LeafColumns columns, IReadOnlyList<string?[]> rows)
    {
        var values = ValueColumns(columns);
        return new BulkUpsert(_quotedTable, [_quotedScope, .. _quotedIds, .. values], 1 + Depth, rows);
    }

    /// <summary>Binds row <paramref name="row"/> of a multi-row upsert: the scope, the ids, then the values of its columns.</summary>
    public void BindRow(DbParameterCollection parameters, LeafColumns columns, int row, string scope, Address address, object? atom, object? timestamp)
    {
        var perRow = 1 + Depth + (columns == LeafColumns.Both ? 2 : 1);
        var offset = BindKey(parameters, row * perRow, scope, address);
        if (columns != LeafColumns.Timestamp)
        {
            parameters[offset++].Value = atom ?? DBNull.Value;
        }

        if (columns != LeafColumns.Atom)
        {
            parameters[offset].Value = timestamp ?? DBNull.Value;
        }
    }

    /// <summary>
    /// Deletes <paramref name="rows"/> leaves by key in one statement, each only when it holds neither
    /// an atom nor a timestamp: for each row the scope and the ids.
    /// </summary>
    public Statement DeleteEmptyMany(int rows)
    {
        if (_deleteEmptyMany[rows] is { } statement)
        {
            return statement;
        }

        var perRow = 1 + Depth;
        var p = _dialect.ParameterName;
        var matches = Enumerable.Range(0, rows).Select(row =>
            "(" + string.Join(" AND ", new[] { _quotedScope }.Concat(_quotedIds).Select((column, i) => $"{column} = {p(row * perRow + i)}")) + ")");
        return _deleteEmptyMany[rows] = new Statement(
            $"DELETE FROM {_quotedTable} WHERE ({string.Join(" OR ", matches)}) AND {_quotedAtom} IS NULL AND {_quotedTimestamp} IS NULL", rows * perRow);
    }

    /// <summary>The quoted value columns a write of <paramref name="columns"/> sets.</summary>
    private string[] ValueColumns(LeafColumns columns) => columns switch
    {
        LeafColumns.Atom => [_quotedAtom],
        LeafColumns.Timestamp => [_quotedTimestamp],
        _ => [_quotedAtom, _quotedTimestamp],
    };

    /// <summary>Binds the scope and the ids of a leaf from parameter <paramref name="offset"/> on; returns the next parameter's index.</summary>
    public int BindKey(DbParameterCollection parameters, int offset, string scope, Address address)
    {
        parameters[offset++].Value = scope;
        foreach (var id in address.AsSpan())
        {
            parameters[offset++].Value = id;
        }

        return offset;
    }
}
