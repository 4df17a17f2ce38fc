namespace Synclets.Relational;

/// <summary>A table a connector needs: its columns and the indexes created with it.</summary>
/// <param name="Schema">The table's schema (unquoted), or null for the connection's default.</param>
/// <param name="Name">The table's name (unquoted).</param>
/// <param name="Columns">Every column the connector reads or writes; key columns form the primary key, in order.</param>
/// <param name="Indexes">Indexes created with the table: an (unquoted) name and the columns it covers, in order.</param>
internal sealed record TableDefinition(
    string? Schema,
    string Name,
    IReadOnlyList<ColumnDefinition> Columns,
    IReadOnlyList<(string Name, IReadOnlyList<string> Columns)> Indexes)
{
    /// <summary>
    /// For a leaf table, the depth it is made for and the name of its id column at each level (from 1):
    /// an existing table of another depth is then named as such, not as a missing or extra column.
    /// </summary>
    public (int Depth, Func<int, string> AddressColumnAt)? TreeShape { get; init; }

    /// <summary>Told the columns of the existing table (name → SQL type, whether a key) once it passed the check.</summary>
    public Action<IReadOnlyDictionary<string, (string Type, bool IsKey)>>? ExistingColumnsFound { get; init; }

    /// <summary>
    /// Whether rows are stored in primary-key order with no separate row id (SQLite's
    /// <c>WITHOUT ROWID</c>): for tables read and written by key ranges, one b-tree instead of two.
    /// </summary>
    public bool KeyOrdered { get; init; }

    public IEnumerable<ColumnDefinition> KeyColumns => Columns.Where(column => column.IsKey);

    /// <summary>The name as messages show it: <c>schema.table</c>, or the table alone.</summary>
    public string DisplayName => Schema is null ? Name : Schema + "." + Name;

    /// <summary>Whether <paramref name="other"/> would be the same SQL table (names ignore case).</summary>
    public bool IsSameTable(TableDefinition other) =>
        string.Equals(Schema, other.Schema, StringComparison.OrdinalIgnoreCase) && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);
}
