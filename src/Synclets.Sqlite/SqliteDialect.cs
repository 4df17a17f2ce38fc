using System.Globalization;
using Synclets.Relational;
using Synclets.Typed;

namespace Synclets.Sqlite;

/// <summary>How the relational core speaks SQLite.</summary>
public sealed class SqliteDialect : SqlDialect
{
    /// <summary>The one instance.</summary>
    public static SqliteDialect Instance { get; } = new();

    private SqliteDialect()
    {
    }

    /// <inheritdoc />
    public override string Name => "SQLite";

    /// <summary>
    /// 4: SQLite runs in process, so a statement costs no round trip, while Microsoft.Data.Sqlite
    /// binds each parameter by looking its name up among the statement's, which grows with the
    /// statement. Syncing 100k atoms into a file took 1.68 s with 4 rows and 1.78 s with 16 (medians
    /// of 8 runs), and about 2.0 s with 1.
    /// </summary>
    public override int MaxRowsPerStatement => 4;

    /// <summary>
    /// <c>WITHOUT ROWID</c>: the tree's rows are found and listed by their key, so they are stored in
    /// its b-tree directly instead of in a rowid table plus an index of the key.
    /// </summary>
    public override string KeyOrderedTableSuffix => " WITHOUT ROWID";

    /// <summary>TEXT for strings (and values kept as strings), INTEGER for integers and booleans, REAL for numbers.</summary>
    public override string TypeName(SyncletColumnType type) => type switch
    {
        SyncletColumnType.Integer or SyncletColumnType.Boolean => "INTEGER",
        SyncletColumnType.Real => "REAL",
        _ => "TEXT",
    };

    /// <summary>The table name is a bound parameter of <c>pragma_table_info</c>, never SQL text; SQLite has no schemas to pass.</summary>
    public override string ColumnsQuery => "SELECT name, type, pk FROM pragma_table_info(@p0)";

    /// <summary>SQLite's schemas are other database files; a store is one file, so names cannot be qualified.</summary>
    /// <exception cref="NotSupportedException">A schema is given.</exception>
    public override string QuoteTable(string? schema, string table) => schema is null
        ? QuoteIdentifier(table)
        : throw new NotSupportedException($"SQLite keeps no schemas inside one file, so table '{table}' cannot be put in schema '{schema}': leave Schema null, or give the synclet a store of its own file.");

    /// <inheritdoc />
    public override bool IsPrimaryKeyFlag(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0;

    /// <summary>SQLite has no boolean type: 1 and 0 in an INTEGER column.</summary>
    protected override object ToBooleanColumnValue(bool value) => value ? 1L : 0L;

    /// <inheritdoc />
    protected override bool TryFromBooleanColumnValue(object value, out bool flag)
    {
        flag = value is 1L;
        return value is 0L or 1L;
    }
}
