using Synclets.Relational;

namespace Synclets.Sqlite;

/// <summary>
/// Stores a synclet's atoms in a SQLite leaf table (any depth): one row per atom, keyed by the tree's
/// scope and one column per id, with the atom as JSON text beside its timestamp.
/// </summary>
public sealed class SqliteDataConnector : RelationalDataConnector
{
    /// <summary>Creates a data connector over <paramref name="store"/>; the table is created or checked when the synclet is created.</summary>
    /// <param name="store">The database, shared with the synclet's meta connector so each batch is one transaction.</param>
    /// <param name="depth">The number of ids in an atom's address.</param>
    /// <param name="options">Table and column names; the defaults when null.</param>
    public SqliteDataConnector(SqliteStore store, int depth, TreeTableOptions? options = null) : base(store, depth, options)
    {
    }
}
