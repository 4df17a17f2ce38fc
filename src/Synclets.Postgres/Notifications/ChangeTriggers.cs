using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Synclets.Postgres.Notifications;

/// <summary>
/// The statement-level triggers that notify a channel whenever a statement inserts, updates,
/// deletes or truncates rows of a typed table. A trigger's name carries its channel, so synclets
/// listening on different channels each keep their own. Installing creates only what is missing,
/// so a reconnection takes no lock on the tables once the triggers exist.
/// </summary>
internal sealed class ChangeTriggers
{
    private const string FunctionName = "synclets_notify_change";

    // Creating a trigger waits for every open transaction that wrote the table, and holds up every
    // later writer meanwhile; better to give up and try again than to stall the application.
    private const string LockTimeout = "2s";

    private readonly string _function;
    private readonly string _triggerName;
    private readonly string _channelLiteral;
    private readonly List<string> _tables;

    /// <param name="schema">The schema of the tables and of the trigger function (null: the connection's current one).</param>
    /// <param name="tables">The typed tables' names.</param>
    /// <param name="channel">The channel to notify.</param>
    public ChangeTriggers(string? schema, IEnumerable<string> tables, string channel)
    {
        var dialect = PostgresDialect.Instance;
        _function = dialect.QuoteTable(schema, FunctionName);
        _triggerName = "synclets_notify_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(channel)))[..12];
        _channelLiteral = "'" + channel.Replace("'", "''") + "'";
        _tables = [.. tables.Select(table => dialect.QuoteTable(schema, table))];
    }

    /// <summary>Creates the function and the triggers that are missing, in one transaction, one installer at a time.</summary>
    public async Task InstallAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Two synclets creating the function at once would fail with "tuple concurrently updated".
        await ExecuteAsync($"SELECT pg_advisory_xact_lock(hashtext('{FunctionName}'))");
        await ExecuteAsync($"SET LOCAL lock_timeout = '{LockTimeout}'");
        if (await ScalarAsync("SELECT to_regprocedure($1) IS NULL", _function + "()") is true)
        {
            await ExecuteAsync(
                $"""
                CREATE FUNCTION {_function}() RETURNS trigger LANGUAGE plpgsql AS $synclets$
                BEGIN
                    PERFORM pg_notify(TG_ARGV[0], TG_TABLE_NAME);
                    RETURN NULL;
                END
                $synclets$
                """);
        }

        foreach (var table in _tables)
        {
            if (await ScalarAsync("SELECT NOT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = to_regclass($1) AND tgname = $2)", table, _triggerName) is true)
            {
                await ExecuteAsync(
                    $"CREATE TRIGGER \"{_triggerName}\" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {_function}({_channelLiteral})");
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        async Task ExecuteAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        async Task<object?> ScalarAsync(string sql, params object[] parameters)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = parameter });
            }

            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
