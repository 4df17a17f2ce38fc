using Npgsql;
using Synclets;
using Synclets.Postgres;
using Synclets.Relational;
using Synclets.Transports;

namespace Snippets;

internal static class Postgres
{
    public static async Task RunAsync(Transport transport)
    {
        #region readme: postgres
        await using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Username=app;Database=app;Max Auto Prepare=20");
        var (data, meta) = new PostgresStore(dataSource).CreateConnectors(depth: 3);   // or (TodoDb.Schema) for typed tables
        await using var alice = await Synclet.CreateAsync(new SyncletComponents(data, meta, transport));
        #endregion
    }

    public static void Options(NpgsqlDataSource dataSource)
    {
        #region readme: postgres-options
        var options = new PostgresTypedTableOptions
        {
            Schema = "app",                                    // "app"."todos", "app"."projects"
            Tree = new TreeTableOptions { Schema = "sync" },   // "sync".synclets_tree, "sync".synclets_hashes
            ListenForChanges = true,                           // adopt other clients' commits at once
        };
        var (todoData, todoMeta) = new PostgresStore(dataSource).CreateConnectors(TodoDb.Schema, options);
        #endregion
    }
}
