using Synclets.Relational;

namespace Synclets.Sqlite;

/// <summary>
/// Stores a synclet's timestamps and interior hashes in SQLite: each timestamp in its leaf's row
/// (beside the atom, when the data connector shares the store) and one row per interior node in the
/// hash table.
/// </summary>
public sealed class SqliteMetaConnector : RelationalMetaConnector
{
    /// <summary>Creates a meta connector over <paramref name="store"/>; the table is created or checked when the synclet is created.</summary>
    /// <param name="store">The database, shared with the synclet's data connector so each batch is one transaction.</param>
    /// <param name="depth">The number of ids in an atom's address.</param>
    /// <param name="options">Table and column names; the defaults when null.</param>
    public SqliteMetaConnector(SqliteStore store, int depth, TreeTableOptions? options = null) : base(store, depth, options)
    {
    }
}
