using Synclets.Connectors;
using Synclets.Postgres.Notifications;
using Synclets.Relational;
using Synclets.Typed;

namespace Synclets.Postgres;

/// <summary>
/// Stores a typed synclet's atoms in real PostgreSQL tables, one per record type — e.g.
/// <c>CREATE TABLE "Todo" ("Id" text NOT NULL, "Title" text, "Done" boolean, …, PRIMARY KEY ("Id"))</c>
/// — so <c>SELECT * FROM "Todo"</c> shows the rows. Rows other code writes are picked up by
/// <see cref="RelationalTypedDataConnector.SyncChangedAsync"/>, or as soon as they commit with
/// <see cref="PostgresTypedTableOptions.ListenForChanges"/>. Pair it with a
/// <see cref="PostgresMetaConnector"/> on the same store (its companion table holds the timestamps and hashes).
/// </summary>
public sealed class PostgresTypedDataConnector : RelationalTypedDataConnector
{
    private readonly PostgresStore _store;
    private readonly PostgresTypedTableOptions? _notifications;

    /// <summary>A connector for one table at the root: addresses are <c>[key…, column]</c>, the table is named after the map.</summary>
    public PostgresTypedDataConnector(PostgresStore store, ISyncletTableMap table, TypedTableOptions? options = null)
        : base(store, table ?? throw new ArgumentNullException(nameof(table)), new Dictionary<string, ISyncletTableMap>(), options)
    {
        (_store, _notifications) = (store, ListeningOptions(options));
    }

    /// <summary>A connector for a schema of several tables: addresses are <c>[table, key…, column]</c>, each table named by its id.</summary>
    /// <exception cref="ArgumentException">The schema has a single table at the root: pass its table map instead.</exception>
    public PostgresTypedDataConnector(PostgresStore store, SyncletSchema schema, TypedTableOptions? options = null)
        : base(store, null, TablesOf(schema), options)
    {
        (_store, _notifications) = (store, ListeningOptions(options));
    }

    /// <summary>With <see cref="PostgresTypedTableOptions.ListenForChanges"/>, installs the triggers and listens until detached.</summary>
    protected override Task WatchChangesAsync(ConnectorAttachContext context, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_notifications is null)
        {
            return Task.CompletedTask;
        }

        var triggers = new ChangeTriggers(_notifications.Schema, TableNames, _notifications.NotificationChannel);
        var listener = new ChangeListener(_store.DataSource, () => _store.ProcessId, triggers, _notifications.NotificationChannel, context.Logger, context.SyncletId);
        return listener.RunAsync(SyncChangedAsync, stopping);
    }

    /// <summary>The options when they ask for listening, after checking the channel can be one.</summary>
    private static PostgresTypedTableOptions? ListeningOptions(TypedTableOptions? options)
    {
        if (options is not PostgresTypedTableOptions { ListenForChanges: true } listening)
        {
            return null;
        }

        try
        {
            PostgresDialect.Instance.QuoteIdentifier(listening.NotificationChannel ?? string.Empty);
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"PostgresTypedTableOptions.NotificationChannel cannot name a channel: {exception.Message}", nameof(options), exception);
        }

        return listening;
    }
}
