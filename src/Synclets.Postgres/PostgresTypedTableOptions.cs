using Synclets.Relational;

namespace Synclets.Postgres;

/// <summary>Typed-table options with what only PostgreSQL offers: being told when other clients change rows.</summary>
public sealed record PostgresTypedTableOptions : TypedTableOptions
{
    /// <summary>
    /// Install a trigger on every typed table that sends a notification (<c>pg_notify</c>) when a
    /// statement changes it, and listen on a connection of the connector's own while attached: rows
    /// other clients change are adopted as soon as they commit, without calling
    /// <see cref="RelationalTypedDataConnector.SyncChangedAsync"/>. Changes made while nobody
    /// listened are picked up when listening (re)starts. Needs the right to create triggers on the
    /// tables (owning them). Default false: no trigger is installed.
    /// </summary>
    public bool ListenForChanges { get; init; }

    /// <summary>The notification channel (default <c>synclets_changes</c>), at most 63 bytes.</summary>
    public string NotificationChannel { get; init; } = "synclets_changes";
}
