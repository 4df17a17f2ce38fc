namespace Synclets.Relational;

/// <summary>
/// Creates a connector's tables on first use and checks them on every later attach: a missing
/// column, a column of the wrong type or a wrong primary key is a <see cref="RelationalSchemaException"/>
/// naming the table, the column and the expected type. The one change made to an existing table is
/// adding a typed table's column for a property added to the record that is nullable or has a
/// default; nothing is dropped.
/// </summary>
internal static class TableSchema
{
    /// <summary>How many id columns are looked for when telling an existing leaf table's depth.</summary>
    private const int MaxDepthRecognized = 64;

    /// <summary>
    /// Checks every existing table of <paramref name="tables"/>, then creates the missing ones (with
    /// their indexes) and adds the columns that may be added, all in the transaction the check ran
    /// in: a misfit anywhere leaves the database untouched, and another process opening it at the
    /// same moment sees all of it or none.
    /// </summary>
    public static async Task EnsureAsync(RelationalStore store, IReadOnlyList<TableDefinition> tables, CancellationToken cancellationToken)
    {
        var ownTransaction = store.Transaction is null ? await store.Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
        try
        {
            var transaction = ownTransaction ?? store.Transaction;
            var changes = new List<string>();
            foreach (var table in tables)
            {
                var existing = await ReadColumnsAsync(store, table.Schema, table.Name, cancellationToken, transaction).ConfigureAwait(false);
                if (existing.Count == 0)
                {
                    changes.AddRange(CreateStatements(store.Dialect, table));
                }
                else
                {
                    changes.AddRange(Validate(store.Dialect, table, existing));
                    table.ExistingColumnsFound?.Invoke(existing);
                }
            }

            foreach (var statement in changes)
            {
                await using var command = store.OneOffCommand(statement);
                command.Transaction = transaction;
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

    /// <summary>The columns of an existing table by name (type, whether in the primary key); empty when there is no such table.</summary>
    internal static async Task<Dictionary<string, (string Type, bool IsKey)>> ReadColumnsAsync(
        RelationalStore store, string? schema, string table, CancellationToken cancellationToken, System.Data.Common.DbTransaction? transaction = null)
    {
        var columns = new Dictionary<string, (string, bool)>(StringComparer.OrdinalIgnoreCase);
        await using var command = store.OneOffCommand(store.Dialect.ColumnsQuery, table, (object?)schema ?? DBNull.Value);
        command.Transaction = transaction ?? store.Transaction;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns[reader.GetString(0)] = (reader.IsDBNull(1) ? string.Empty : reader.GetString(1), store.Dialect.IsPrimaryKeyFlag(reader.GetValue(2)));
        }

        return columns;
    }

    /// <summary>The statements that create <paramref name="table"/> and its indexes.</summary>
    private static IEnumerable<string> CreateStatements(ISqlDialect dialect, TableDefinition table)
    {
        var keys = table.KeyColumns.Select(column => dialect.QuoteIdentifier(column.Name)).ToList();
        var columns = table.Columns.Select(column =>
            $"{dialect.QuoteIdentifier(column.Name)} {dialect.TypeName(column.Type)}{(column.IsKey ? " NOT NULL" : string.Empty)}");
        var quotedTable = dialect.QuoteTable(table.Schema, table.Name);
        var suffix = table.KeyOrdered ? dialect.KeyOrderedTableSuffix : string.Empty;
        yield return $"CREATE TABLE {quotedTable} ({string.Join(", ", columns)}, PRIMARY KEY ({string.Join(", ", keys)})){suffix}";
        foreach (var index in table.Indexes)
        {
            yield return $"CREATE INDEX {dialect.QuoteIdentifier(index.Name)} ON {quotedTable} ({string.Join(", ", index.Columns.Select(dialect.QuoteIdentifier))})";
        }
    }

    /// <summary>The statement that adds <paramref name="column"/> to <paramref name="table"/>.</summary>
    private static string AddColumnStatement(ISqlDialect dialect, TableDefinition table, ColumnDefinition column) =>
        $"ALTER TABLE {dialect.QuoteTable(table.Schema, table.Name)} ADD COLUMN {dialect.QuoteIdentifier(column.Name)} {dialect.TypeName(column.Type)}";

    /// <summary>Throws when an existing leaf table has the id columns of another depth, naming both depths.</summary>
    private static void ValidateDepth(TableDefinition table, Dictionary<string, (string Type, bool IsKey)> existing, int depth, Func<int, string> addressColumnAt)
    {
        var found = 0;
        while (found < MaxDepthRecognized && existing.ContainsKey(addressColumnAt(found + 1)))
        {
            found++;
        }

        if (found == depth || found == 0)
        {
            return;   // the right depth, or no tree at all: the column checks say what is wrong
        }

        var fix = $"Nothing was changed: open the store with depth {found}, or give trees of depth {depth} a table of their own (TreeTableOptions.LeafTable).";
        if (found < depth)
        {
            var missing = addressColumnAt(found + 1);
            throw new RelationalSchemaException(table.DisplayName, missing, "TEXT primary key",
                $"Table '{table.DisplayName}' holds a tree of depth {found} (it has no column '{missing}'); this connector has depth {depth}. {fix}");
        }

        var extra = addressColumnAt(depth + 1);
        throw new RelationalSchemaException(table.DisplayName, extra, string.Empty,
            $"Table '{table.DisplayName}' holds a deeper tree, of depth {found} (it has a column '{extra}'); this connector has depth {depth}. {fix}");
    }

    /// <summary>
    /// Throws unless the existing table fits; returns the statements adding the columns it lacks
    /// that may be added (a typed table's nullable columns).
    /// </summary>
    private static List<string> Validate(ISqlDialect dialect, TableDefinition table, Dictionary<string, (string Type, bool IsKey)> existing)
    {
        var additions = new List<string>();
        // A tree of another depth says more than the column it lacks or has too many.
        if (table.TreeShape is var (depth, addressColumnAt))
        {
            ValidateDepth(table, existing, depth, addressColumnAt);
        }

        foreach (var column in table.Columns)
        {
            var expected = dialect.TypeName(column.Type) + (column.IsKey ? " primary key" : string.Empty);
            if (!existing.TryGetValue(column.Name, out var found))
            {
                if (column.CanBeAdded)
                {
                    additions.Add(AddColumnStatement(dialect, table, column));
                    continue;
                }

                throw new RelationalSchemaException(table.DisplayName, column.Name, expected, column.IsAddedProperty
                    ? $"Table '{table.DisplayName}' has no column '{column.Name}', and the record's property is neither nullable nor given a default, so the rows already there would have no value for it. " +
                      $"Nothing was changed. Make the property nullable or give it a default, or, if rows without a value are what you want, run: {AddColumnStatement(dialect, table, column)};"
                    : $"Table '{table.DisplayName}' has no column '{column.Name}'; the connector needs it as {expected}. Nothing was changed: add the column, or point the connector at another table.");
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

        return additions;
    }
}
