using Synclets.Relational;
using Synclets.Typed;

namespace Synclets.Postgres;

/// <summary>
/// Stores a typed synclet's atoms in real PostgreSQL tables, one per record type — e.g.
/// <c>CREATE TABLE "Todo" ("Id" text NOT NULL, "Title" text, "Done" boolean, …, PRIMARY KEY ("Id"))</c>
/// — so <c>SELECT * FROM "Todo"</c> shows the rows. Rows other code writes are picked up by
/// <see cref="RelationalTypedDataConnector.SyncChangedAsync"/>. Pair it with a
/// <see cref="PostgresMetaConnector"/> on the same store (its companion table holds the timestamps and hashes).
/// </summary>
public sealed class PostgresTypedDataConnector : RelationalTypedDataConnector
{
    /// <summary>A connector for one table at the root: addresses are <c>[key…, column]</c>, the table is named after the map.</summary>
    public PostgresTypedDataConnector(PostgresStore store, ISyncletTableMap table, TypedTableOptions? options = null)
        : base(store, table ?? throw new ArgumentNullException(nameof(table)), new Dictionary<string, ISyncletTableMap>(), options)
    {
    }

    /// <summary>A connector for a schema of several tables: addresses are <c>[table, key…, column]</c>, each table named by its id.</summary>
    /// <exception cref="ArgumentException">The schema has a single table at the root: pass its table map instead.</exception>
    public PostgresTypedDataConnector(PostgresStore store, SyncletSchema schema, TypedTableOptions? options = null)
        : base(store, null, TablesOf(schema), options)
    {
    }
}
