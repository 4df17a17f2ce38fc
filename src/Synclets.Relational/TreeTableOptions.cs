namespace Synclets.Relational;

/// <summary>
/// Names of the tree-table layout (layout 2): one table of leaves, keyed by the tree's scope and one
/// column per id (<c>address1…addressN</c>), holding each atom beside its timestamp; and one table of
/// interior hashes, keyed by the scope and the node's address as a JSON array. Many trees (rooms,
/// users, documents) share the two tables, each under its own <see cref="Scope"/>.
/// </summary>
public sealed record TreeTableOptions
{
    /// <summary>
    /// The schema both tables are in (default null: the connection's own, e.g. the first schema of a
    /// PostgreSQL search path). It must exist; SQLite has none.
    /// </summary>
    public string? Schema { get; init; }

    /// <summary>
    /// Which tree of the tables this synclet keeps (default empty: the one tree of a store that holds
    /// only one). Trees of different scopes share the tables and never see each other's rows; a server
    /// gives each room its own, e.g. the room id. Any string.
    /// </summary>
    public string Scope { get; init; } = string.Empty;

    /// <summary>The table of leaves: atoms and their timestamps (default <c>synclets_tree</c>).</summary>
    public string LeafTable { get; init; } = "synclets_tree";

    /// <summary>The table of interior nodes' hashes (default <c>synclets_hashes</c>).</summary>
    public string HashTable { get; init; } = "synclets_hashes";

    /// <summary>The key column naming a row's tree (default <c>scope</c>).</summary>
    public string ScopeColumn { get; init; } = "scope";

    /// <summary>The hash table's key column holding a node's address as a JSON array (default <c>address</c>).</summary>
    public string AddressColumn { get; init; } = "address";

    /// <summary>The prefix of the per-id key columns: <c>address1</c> holds the first id, and so on (default <c>address</c>).</summary>
    public string AddressColumnPrefix { get; init; } = "address";

    /// <summary>The leaf table's column holding the atom as JSON, null for a deleted atom (default <c>atom</c>).</summary>
    public string AtomColumn { get; init; } = "atom";

    /// <summary>The leaf table's column holding the atom's timestamp (default <c>timestamp</c>).</summary>
    public string TimestampColumn { get; init; } = "timestamp";

    /// <summary>The hash table's column holding a node's hash (default <c>hash</c>).</summary>
    public string HashColumn { get; init; } = "hash";

    /// <summary>
    /// The data table of the first layout (default <c>synclets_data</c>). When it exists, its rows are
    /// moved into this tree's scope of the leaf table and it is dropped, in one transaction, the first
    /// time a connector attaches. Its column names are the ones above.
    /// </summary>
    public string LegacyDataTable { get; init; } = "synclets_data";

    /// <summary>The meta table of the first layout (default <c>synclets_meta</c>), moved like <see cref="LegacyDataTable"/>.</summary>
    public string LegacyMetaTable { get; init; } = "synclets_meta";

    /// <summary>Checks that every name is usable and that the columns of one table differ.</summary>
    /// <exception cref="ArgumentException">A name is empty, two tables or two columns of one table share a name.</exception>
    internal void Validate(int depth)
    {
        ArgumentNullException.ThrowIfNull(Scope, nameof(Scope));
        foreach (var (name, value) in new[]
        {
            (nameof(LeafTable), LeafTable), (nameof(HashTable), HashTable), (nameof(ScopeColumn), ScopeColumn),
            (nameof(AddressColumn), AddressColumn), (nameof(AddressColumnPrefix), AddressColumnPrefix), (nameof(AtomColumn), AtomColumn),
            (nameof(TimestampColumn), TimestampColumn), (nameof(HashColumn), HashColumn),
            (nameof(LegacyDataTable), LegacyDataTable), (nameof(LegacyMetaTable), LegacyMetaTable),
        })
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new ArgumentException($"TreeTableOptions.{name} must not be empty.");
            }
        }

        var tables = new[] { LeafTable, HashTable, LegacyDataTable, LegacyMetaTable };
        var sameTable = tables.GroupBy(table => table, StringComparer.OrdinalIgnoreCase).FirstOrDefault(group => group.Count() > 1);
        if (sameTable is not null)
        {
            throw new ArgumentException($"TreeTableOptions names the table '{sameTable.Key}' twice (leaf, hash and legacy tables must differ; SQL names ignore case).");
        }

        var idColumns = Enumerable.Range(1, depth).Select(AddressColumnAt).ToList();
        foreach (var columns in new[]
        {
            idColumns.Append(ScopeColumn).Append(AtomColumn).Append(TimestampColumn),
            new[] { ScopeColumn, AddressColumn, HashColumn }.AsEnumerable(),
        })
        {
            var duplicate = columns.GroupBy(column => column, StringComparer.OrdinalIgnoreCase).FirstOrDefault(group => group.Count() > 1);
            if (duplicate is not null)
            {
                throw new ArgumentException($"TreeTableOptions names the column '{duplicate.Key}' twice in one table; give each column its own name.");
            }
        }
    }

    /// <summary>The name of the column holding the id at 1-based <paramref name="level"/>.</summary>
    internal string AddressColumnAt(int level) => AddressColumnPrefix + level.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
