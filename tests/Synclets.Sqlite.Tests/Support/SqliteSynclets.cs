using Synclets.Connectors.Memory;
using Synclets.Relational;
using Synclets.Transports;
using Synclets.Transports.Memory;

namespace Synclets.Sqlite.Tests.Support;

/// <summary>Creates synclets over SQLite files (and memory peers) for the tests.</summary>
public static class SqliteSynclets
{
    public static Task<Synclet> CreateAsync(string path, int depth, string id = "sqlite", string? pool = null, TreeTableOptions? options = null, SqliteStore? store = null)
    {
        store ??= SqliteStore.ForFile(path);
        var transports = pool is null ? new List<Transport>() : [new MemoryTransport(pool)];
        return Synclet.CreateAsync(
            new SyncletComponents(new SqliteDataConnector(store, depth, options), new SqliteMetaConnector(store, depth, options), transports),
            options: new SyncletOptions { Id = id });
    }

    public static Task<Synclet> CreateMemoryAsync(int depth, string id, string pool) =>
        Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(depth), new MemoryMetaConnector(depth), new MemoryTransport(pool)),
            options: new SyncletOptions { Id = id });
}
