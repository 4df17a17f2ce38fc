namespace Synclets.Relational;

/// <summary>
/// Creates a connector's tables on first use and checks them on every later attach: a missing
/// column, a column of the wrong type or a wrong primary key is a <see cref="RelationalSchemaException"/>
/// naming the table, the column and the expected type. Existing tables are never altered.
/// </summary>
internal static class TableSchema
{
    /// <summary>
    /// Checks every existing table of <paramref name="tables"/> first, then creates the missing ones
    /// (with their indexes) in one transaction: a misfit anywhere leaves the database untouched.
    /// </summary>
    public static async Task EnsureAsync(RelationalStore store, IReadOnlyList<TableDefinition> tables, CancellationToken cancellationToken)
    {
        var missing = new List<TableDefinition>();
        foreach (var table in tables)
        {
            var existing = await ReadColumnsAsync(store, table.Schema, table.Name, cancellationToken).ConfigureAwait(false);
            if (existing.Count == 0)
            {
                missing.Add(table);
            }
            else
            {
                Validate(store.Dialect, table, existing);
            }
        }

        if (missing.Count > 0)
        {
            await CreateAsync(store, missing, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The columns of an existing table by name (type, whether in the primary key); empty when there is no such table.</summary>
    internal static async Task<Dictionary<string, (string Type, bool IsKey)>> ReadColumnsAsync(RelationalStore store, string? schema, string table, CancellationToken cancellationToken)
    {
        var columns = new Dictionary<string, (string, bool)>(StringComparer.OrdinalIgnoreCase);
        await using var command = store.OneOffCommand(store.Dialect.ColumnsQuery, table, (object?)schema ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns[reader.GetString(0)] = (reader.IsDBNull(1) ? string.Empty : reader.GetString(1), store.Dialect.IsPrimaryKeyFlag(reader.GetValue(2)));
        }

        return columns;
    }

    private static async Task CreateAsync(RelationalStore store, IReadOnlyList<TableDefinition> tables, CancellationToken cancellationToken)
    {
        var dialect = store.Dialect;
        var sql = new List<string>();
        foreach (var table in tables)
        {
            var keys = table.KeyColumns.Select(column => dialect.QuoteIdentifier(column.Name)).ToList();
            var columns = table.Columns.Select(column =>
                $"{dialect.QuoteIdentifier(column.Name)} {dialect.TypeName(column.Type)}{(column.IsKey ? " NOT NULL" : string.Empty)}");
            var quotedTable = dialect.QuoteTable(table.Schema, table.Name);
            var suffix = table.KeyOrdered ? dialect.KeyOrderedTableSuffix : string.Empty;
            sql.Add($"CREATE TABLE {quotedTable} ({string.Join(", ", columns)}, PRIMARY KEY ({string.Join(", ", keys)})){suffix}");
            sql.AddRange(table.Indexes.Select(index =>
                $"CREATE INDEX {dialect.QuoteIdentifier(index.Name)} ON {quotedTable} ({string.Join(", ", index.Columns.Select(dialect.QuoteIdentifier))})"));
        }

        // The tables and their indexes appear together or not at all.
        var ownTransaction = store.Transaction is null ? await store.Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
        try
        {
            foreach (var statement in sql)
            {
                await using var command = store.OneOffCommand(statement);
                command.Transaction = ownTransaction ?? store.Transaction;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static void Validate(ISqlDialect dialect, TableDefinition table, Dictionary<string, (string Type, bool IsKey)> existing)
    {
        // A column of a deeper tree says more than the primary key it also lengthens.
        foreach (var (column, reason) in table.Forbidden)
        {
            if (existing.ContainsKey(column))
            {
                throw new RelationalSchemaException(table.DisplayName, column, string.Empty,
                    $"Table '{table.DisplayName}' has a column '{column}': {reason}. Nothing was changed: point the connector at another table.");
            }
        }

        foreach (var column in table.Columns)
        {
            var expected = dialect.TypeName(column.Type) + (column.IsKey ? " primary key" : string.Empty);
            if (!existing.TryGetValue(column.Name, out var found))
            {
                throw new RelationalSchemaException(table.DisplayName, column.Name, expected,
                    $"Table '{table.DisplayName}' has no column '{column.Name}'; the connector needs it as {expected}. Nothing was changed: add the column, or point the connector at another table.");
            }

            if (!dialect.IsType(found.Type, column.Type))
            {
                throw new RelationalSchemaException(table.DisplayName, column.Name, expected,
                    $"Column '{column.Name}' of table '{table.DisplayName}' is {(found.Type.Length == 0 ? "untyped" : found.Type)}; the connector needs {expected}. Nothing was changed: fix the column, or point the connector at another table.");
            }

            if (found.IsKey != column.IsKey)
            {
                throw new RelationalSchemaException(table.DisplayName, column.Name, expected,
                    column.IsKey
                        ? $"Column '{column.Name}' of table '{table.DisplayName}' is not part of its primary key; the connector needs {expected}. Nothing was changed."
                        : $"Column '{column.Name}' of table '{table.DisplayName}' is part of its primary key; the connector needs a plain {expected} column. Nothing was changed.");
            }
        }

        var keyCount = existing.Values.Count(column => column.IsKey);
        if (keyCount != table.KeyColumns.Count())
        {
            var extraKey = existing.First(column => column.Value.IsKey && !table.Columns.Any(c => c.IsKey && string.Equals(c.Name, column.Key, StringComparison.OrdinalIgnoreCase))).Key;
            throw new RelationalSchemaException(table.DisplayName, extraKey, string.Empty,
                $"Column '{extraKey}' of table '{table.DisplayName}' is part of its primary key, but the connector's key is ({string.Join(", ", table.KeyColumns.Select(c => c.Name))}). Nothing was changed.");
        }
    }
}
