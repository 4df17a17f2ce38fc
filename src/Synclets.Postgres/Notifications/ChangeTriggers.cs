using Npgsql;

namespace Synclets.Postgres.Notifications;

/// <summary>
/// The statement-level triggers that notify a channel whenever a statement inserts, updates,
/// deletes or truncates rows of a typed table. Installing them again replaces them, so a changed
/// channel takes effect and two synclets installing at once end with one trigger per table.
/// </summary>
internal sealed class ChangeTriggers
{
    private const string Name = "synclets_notify_change";

    private readonly string _createFunction;
    private readonly List<string> _replaceTriggers = [];

    /// <param name="schema">The schema of the tables and of the trigger function (null: the connection's current one).</param>
    /// <param name="tables">The typed tables' names.</param>
    /// <param name="channel">The channel to notify.</param>
    public ChangeTriggers(string? schema, IEnumerable<string> tables, string channel)
    {
        var dialect = PostgresDialect.Instance;
        var function = dialect.QuoteTable(schema, Name);
        _createFunction =
            $"""
            CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $synclets$
            BEGIN
                PERFORM pg_notify(TG_ARGV[0], TG_TABLE_NAME);
                RETURN NULL;
            END
            $synclets$
            """;
        var channelLiteral = "'" + channel.Replace("'", "''") + "'";
        foreach (var table in tables)
        {
            var quotedTable = dialect.QuoteTable(schema, table);
            _replaceTriggers.Add($"DROP TRIGGER IF EXISTS {dialect.QuoteIdentifier(Name)} ON {quotedTable}");
            _replaceTriggers.Add(
                $"CREATE TRIGGER {dialect.QuoteIdentifier(Name)} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {quotedTable} FOR EACH STATEMENT EXECUTE FUNCTION {function}({channelLiteral})");
        }
    }

    /// <summary>Creates or replaces the function and the triggers, all in one transaction.</summary>
    public async Task InstallAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var sql in _replaceTriggers.Prepend(_createFunction))
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
