using Synclets.Typed;

namespace Synclets.Relational;

/// <summary>
/// What differs between relational stores: quoting, parameter names, column types, upserts, schema
/// introspection and value conversion. The relational core builds every statement through it, so a
/// new store is a dialect and a <see cref="RelationalStore"/>, not a copy of the connectors.
/// </summary>
public interface ISqlDialect
{
    /// <summary>A short name for messages, e.g. "SQLite".</summary>
    string Name { get; }

    /// <summary>
    /// Quotes an identifier (table, column or index name) so any characters in it are taken
    /// literally. The only way a name reaches SQL text.
    /// </summary>
    /// <exception cref="ArgumentException">The store cannot hold the name at all (e.g. it contains NUL).</exception>
    string QuoteIdentifier(string name);

    /// <summary>
    /// Quotes a table's name, qualified by <paramref name="schema"/> when one is given (null: the
    /// connection's default schema).
    /// </summary>
    /// <exception cref="ArgumentException">The store cannot hold the name.</exception>
    /// <exception cref="NotSupportedException">The store has no schemas to qualify names with.</exception>
    string QuoteTable(string? schema, string table);

    /// <summary>The placeholder of the parameter at <paramref name="index"/>, e.g. <c>@p0</c>.</summary>
    string ParameterName(int index);

    /// <summary>
    /// The most rows one multi-row statement writes (16 unless a dialect says otherwise): more rows
    /// mean fewer statements, which a database across a network wants, while each statement binds
    /// more parameters.
    /// </summary>
    int MaxRowsPerStatement => 16;

    /// <summary>
    /// What follows <c>CREATE TABLE …(…)</c> for a table stored in primary-key order, e.g. SQLite's
    /// <c> WITHOUT ROWID</c>; empty when the store has no such choice.
    /// </summary>
    string KeyOrderedTableSuffix => string.Empty;

    /// <summary>The column type that holds values of <paramref name="type"/>, e.g. <c>TEXT</c>.</summary>
    string TypeName(SyncletColumnType type);

    /// <summary>Whether a column declared as <paramref name="declaredType"/> holds values of <paramref name="type"/>.</summary>
    bool IsType(string declaredType, SyncletColumnType type);

    /// <summary>
    /// An upsert of <paramref name="rows"/> rows in one statement: insert <paramref name="columns"/>,
    /// or on a conflict of the <paramref name="keyColumns"/> update <paramref name="updatedColumns"/>
    /// (nothing when empty). Names are already quoted; values are parameters 0… in
    /// <paramref name="columns"/> order, row after row.
    /// </summary>
    string Upsert(string quotedTable, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns, IReadOnlyList<string> updatedColumns, int rows = 1);

    /// <summary>
    /// An upsert of <paramref name="rows"/> rows like <see cref="Upsert"/>, which on a conflict XORs
    /// the new value of <paramref name="xorColumn"/> into the stored one (a missing value counts as
    /// 0), for the hashes of a batch; null when the store cannot say that in one statement, and
    /// hashes are then read and written one at a time.
    /// </summary>
    string? XorUpsert(string quotedTable, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns, string xorColumn, int rows) => null;

    /// <summary>
    /// A query with two parameters, the table name and its schema (<see cref="DBNull"/> for the
    /// connection's default), returning one row per column of that table:
    /// its name (string), its declared type (string) and whether it is part of the primary key
    /// (non-zero integer or true). No rows means the table does not exist.
    /// </summary>
    string ColumnsQuery { get; }

    /// <summary>Reads the primary-key flag of a <see cref="ColumnsQuery"/> row.</summary>
    bool IsPrimaryKeyFlag(object value);

    /// <summary>Converts an atom to the value a column of <paramref name="type"/> stores (null atom → <see cref="DBNull"/>).</summary>
    /// <returns>False when the atom cannot be stored in such a column.</returns>
    bool TryToColumnValue(Atom atom, SyncletColumnType type, out object value);

    /// <summary>Converts a non-null stored value of a column of <paramref name="type"/> back to an atom.</summary>
    /// <returns>False when the stored value does not fit the column's type (written by other code).</returns>
    bool TryFromColumnValue(object value, SyncletColumnType type, out Atom atom);

    /// <summary>Converts an id to the value of a key column of <paramref name="type"/>.</summary>
    /// <returns>False when the id cannot be read as such a key.</returns>
    bool TryKeyToColumnValue(string id, SyncletColumnType type, out object value);

    /// <summary>Converts a stored key value back to an id.</summary>
    string KeyFromColumnValue(object value, SyncletColumnType type);
}
