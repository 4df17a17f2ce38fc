using Synclets.Typed;

namespace Synclets.Relational;

/// <summary>
/// The table of interior hashes and the statements over it: one row per interior node of each
/// tree, keyed by the scope and the node's address as a JSON array (the root's is <c>[]</c>).
/// Nodes are read one at a time by exact key, so the readable address serves as the key.
/// </summary>
/// <remarks>Every statement takes the scope as parameter 0 and the address key as parameter 1.</remarks>
internal sealed class HashTable
{
    private readonly Statement?[] _xorMany;
    private readonly ISqlDialect _dialect;
    private readonly string _quotedTable;
    private readonly string[] _quotedKey;
    private readonly string _quotedHash;

    public HashTable(ISqlDialect dialect, TreeTableOptions options, int maxRowsPerStatement)
    {
        Definition = new TableDefinition(
            options.Schema,
            options.HashTable,
            [
                new(options.ScopeColumn, SyncletColumnType.Text, IsKey: true),
                new(options.AddressColumn, SyncletColumnType.Text, IsKey: true),
                new(options.HashColumn, SyncletColumnType.Integer),
            ],
            [])
        {
            KeyOrdered = true,
        };

        var q = dialect.QuoteIdentifier;
        var p = dialect.ParameterName;
        (_dialect, _quotedTable, _xorMany) = (dialect, dialect.QuoteTable(options.Schema, options.HashTable), new Statement?[maxRowsPerStatement + 1]);
        (_quotedKey, _quotedHash) = ([q(options.ScopeColumn), q(options.AddressColumn)], q(options.HashColumn));
        Read = new($"SELECT {_quotedHash} FROM {_quotedTable} WHERE {_quotedKey[0]} = {p(0)} AND {_quotedKey[1]} = {p(1)}", 2);
        Upsert = new(dialect.Upsert(_quotedTable, [.. _quotedKey, _quotedHash], _quotedKey, [_quotedHash]), 3);
    }

    public TableDefinition Definition { get; }

    /// <summary>A node's hash: parameters are the scope and the address key.</summary>
    public Statement Read { get; }

    /// <summary>Sets a node's hash: the scope, the address key, the hash.</summary>
    public Statement Upsert { get; }

    /// <summary>
    /// XORs deltas into the hashes of <paramref name="rows"/> nodes in one statement, inserting the
    /// rows that are missing: for each row the scope, the address key and the delta. Null when the
    /// dialect has no such statement.
    /// </summary>
    public Statement? XorMany(int rows)
    {
        if (_xorMany[rows] is { } statement)
        {
            return statement;
        }

        var sql = _dialect.XorUpsert(_quotedTable, [.. _quotedKey, _quotedHash], _quotedKey, _quotedHash, rows);
        return sql is null ? null : _xorMany[rows] = new Statement(sql, rows * 3);
    }
}
