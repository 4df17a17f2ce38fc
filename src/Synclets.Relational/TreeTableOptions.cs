namespace Synclets.Relational;

/// <summary>
/// Names of the tree-table layout: one data table and one meta table, each keyed by the
/// <c>address</c> (the JSON array of the ids) with one <c>address1…addressN</c> column per id.
/// </summary>
public sealed record TreeTableOptions
{
    /// <summary>
    /// The schema both tables are in (default null: the connection's own, e.g. the first schema of a
    /// PostgreSQL search path). It must exist; SQLite has none.
    /// </summary>
    public string? Schema { get; init; }

    /// <summary>The table of atoms (default <c>synclets_data</c>).</summary>
    public string DataTable { get; init; } = "synclets_data";

    /// <summary>The table of timestamps and interior hashes (default <c>synclets_meta</c>).</summary>
    public string MetaTable { get; init; } = "synclets_meta";

    /// <summary>The primary-key column holding the whole address as a JSON array (default <c>address</c>).</summary>
    public string AddressColumn { get; init; } = "address";

    /// <summary>The prefix of the per-id columns: <c>address1</c> holds the first id, and so on (default <c>address</c>).</summary>
    public string AddressColumnPrefix { get; init; } = "address";

    /// <summary>The data table's column holding the atom as JSON (default <c>atom</c>).</summary>
    public string AtomColumn { get; init; } = "atom";

    /// <summary>The meta table's column holding a leaf's timestamp (default <c>timestamp</c>).</summary>
    public string TimestampColumn { get; init; } = "timestamp";

    /// <summary>The meta table's column holding an interior node's hash (default <c>hash</c>).</summary>
    public string HashColumn { get; init; } = "hash";

    /// <summary>Checks that every name is usable and that the columns of one table differ.</summary>
    /// <exception cref="ArgumentException">A name is empty, or two columns of one table share a name.</exception>
    internal void Validate(int depth)
    {
        foreach (var (name, value) in new[]
        {
            (nameof(DataTable), DataTable), (nameof(MetaTable), MetaTable), (nameof(AddressColumn), AddressColumn),
            (nameof(AddressColumnPrefix), AddressColumnPrefix), (nameof(AtomColumn), AtomColumn),
            (nameof(TimestampColumn), TimestampColumn), (nameof(HashColumn), HashColumn),
        })
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new ArgumentException($"TreeTableOptions.{name} must not be empty.");
            }
        }

        if (string.Equals(DataTable, MetaTable, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"TreeTableOptions names '{DataTable}' as both the data and the meta table; they must differ.");
        }

        var prefixColumns = Enumerable.Range(1, depth).Select(AddressColumnAt).ToList();
        foreach (var columns in new[] { prefixColumns.Append(AddressColumn).Append(AtomColumn), prefixColumns.Append(AddressColumn).Append(TimestampColumn).Append(HashColumn) })
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
