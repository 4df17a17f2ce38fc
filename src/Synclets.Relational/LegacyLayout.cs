namespace Synclets.Relational;

/// <summary>
/// Moves a tree stored in the first layout — a data table and a meta table, each keyed by the JSON
/// address with one column per id, hashes in the meta table's shorter rows — into layout 2, under
/// the connector's scope: each atom beside its timestamp in the leaf table, each hash in the hash
/// table. The copy and the dropping of the old tables are one transaction, so a failure leaves the
/// old tables whole and the next attach tries again.
/// </summary>
internal static class LegacyLayout
{
    /// <summary>
    /// Finds the tables of the first layout that <paramref name="options"/> name, before anything is
    /// created: null when there are none. The meta table is looked for only <paramref name="withMeta"/>
    /// (a meta connector keeps hashes in this store).
    /// </summary>
    /// <exception cref="RelationalSchemaException">A table of the first layout holds a tree of another depth.</exception>
    public static async Task<Found?> FindAsync(RelationalStore store, TreeTableOptions options, int depth, bool withMeta, CancellationToken cancellationToken)
    {
        var data = await ExistsAsync(store, options, options.LegacyDataTable, depth, cancellationToken).ConfigureAwait(false);
        var meta = withMeta && await ExistsAsync(store, options, options.LegacyMetaTable, depth, cancellationToken).ConfigureAwait(false);
        return data || meta ? new Found(options, depth, data, meta) : null;
    }

    /// <summary>Moves what <see cref="FindAsync"/> found into the tables of layout 2, which exist by now.</summary>
    public static async Task MigrateAsync(RelationalStore store, Found found, CancellationToken cancellationToken)
    {
        var (options, depth, data, meta) = found;
        var dialect = store.Dialect;
        var q = dialect.QuoteIdentifier;
        var ids = Enumerable.Range(1, depth).Select(level => q(options.AddressColumnAt(level))).ToList();
        var (idList, lastId, scope) = (string.Join(", ", ids), ids[^1], q(options.ScopeColumn));
        var leafKey = $"{scope}, {idList}";
        var leafTable = dialect.QuoteTable(options.Schema, options.LeafTable);
        var (atom, timestamp) = (q(options.AtomColumn), q(options.TimestampColumn));
        var p0 = dialect.ParameterName(0);
        var sql = new List<(string Text, bool TakesScope)>();
        if (meta)
        {
            var legacy = dialect.QuoteTable(options.Schema, options.LegacyMetaTable);
            var hash = q(options.HashColumn);
            sql.Add(($"INSERT INTO {leafTable} ({leafKey}, {timestamp}) SELECT {p0}, {idList}, {timestamp} FROM {legacy} " +
                    $"WHERE {lastId} IS NOT NULL AND {timestamp} IS NOT NULL ON CONFLICT ({leafKey}) DO UPDATE SET {timestamp} = excluded.{timestamp}", true));
            sql.Add(($"INSERT INTO {dialect.QuoteTable(options.Schema, options.HashTable)} ({scope}, {q(options.AddressColumn)}, {hash}) " +
                    $"SELECT {p0}, {q(options.AddressColumn)}, {hash} FROM {legacy} WHERE {lastId} IS NULL AND {hash} IS NOT NULL " +
                    $"ON CONFLICT ({scope}, {q(options.AddressColumn)}) DO UPDATE SET {hash} = excluded.{hash}", true));
            sql.Add(($"DROP TABLE {legacy}", false));
        }

        if (data)
        {
            var legacy = dialect.QuoteTable(options.Schema, options.LegacyDataTable);
            sql.Add(($"INSERT INTO {leafTable} ({leafKey}, {atom}) SELECT {p0}, {idList}, {atom} FROM {legacy} " +
                    $"WHERE {lastId} IS NOT NULL AND {atom} IS NOT NULL ON CONFLICT ({leafKey}) DO UPDATE SET {atom} = excluded.{atom}", true));
            sql.Add(($"DROP TABLE {legacy}", false));
        }

        await using var transaction = await store.Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (text, takesScope) in sql)
        {
            await using var command = takesScope ? store.OneOffCommand(text, options.Scope) : store.OneOffCommand(text);
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a table of the first layout exists; one made for another depth is an error, and nothing is moved.</summary>
    private static async Task<bool> ExistsAsync(RelationalStore store, TreeTableOptions options, string table, int depth, CancellationToken cancellationToken)
    {
        var columns = await TableSchema.ReadColumnsAsync(store, options.Schema, table, cancellationToken).ConfigureAwait(false);
        if (columns.Count == 0)
        {
            return false;
        }

        var deeper = options.AddressColumnAt(depth + 1);
        var missing = Enumerable.Range(1, depth).Select(options.AddressColumnAt).FirstOrDefault(column => !columns.ContainsKey(column));
        if (columns.ContainsKey(deeper) || missing is not null)
        {
            var display = options.Schema is null ? table : options.Schema + "." + table;
            throw new RelationalSchemaException(display, missing ?? deeper, string.Empty,
                $"Table '{display}' holds a tree in the first layout, but not of this connector's depth {depth} (it {(missing is null ? "has" : "lacks")} column '{missing ?? deeper}'), so it cannot be moved into '{options.LeafTable}'. Nothing was changed: open it with a connector of its own depth, or give LegacyDataTable and LegacyMetaTable other names.");
        }

        return true;
    }

    /// <summary>The tables of the first layout a connector's options name: the data table, the meta table, or both.</summary>
    internal sealed record Found(TreeTableOptions Options, int Depth, bool Data, bool Meta);
}
