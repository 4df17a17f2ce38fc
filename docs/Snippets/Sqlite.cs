using Synclets;
using Synclets.Relational;
using Synclets.Sqlite;
using Synclets.Transports.Memory;

namespace Snippets;

internal static class Sqlite
{
    public static async Task RunAsync()
    {
        #region readme: sqlite
        // Tree tables for any depth: synclets_tree (scope, address1..N, atom, timestamp) and synclets_hashes.
        var (data, meta) = SqliteStore.ForFile("alice.db").CreateConnectors(depth: 3);
        await using var alice = await Synclet.CreateAsync(
            new SyncletComponents(data, meta, new MemoryTransport("room1")), options: new SyncletOptions { Id = "alice" });
        await alice.StartAsync();
        await alice.SetAtomAsync(new Address("todos", "t1", "title"), "Buy milk");   // one transaction
        // sqlite3 alice.db "SELECT address1, address2, address3, atom FROM synclets_tree"  →  todos | t1 | title | "Buy milk"

        // Typed tables from a generated schema: a real table per record type, keys as the primary key.
        var (todoData, todoMeta) = SqliteStore.ForFile("todo.db").CreateConnectors(TodoDb.Schema);
        await using var db = await TodoDbSynclet.CreateAsync(new SyncletComponents(todoData, todoMeta));
        await db.Todos.SetAsync(new Todo("t1", "Buy milk", false, Priority.High));
        // sqlite3 todo.db "SELECT * FROM todos"  →  t1 | Buy milk | 0 | High
        await todoData.SyncChangedAsync();   // rows other code wrote get fresh timestamps and sync
        #endregion
    }

    public static void Scope()
    {
        #region readme: sqlite-scope
        var (roomData, roomMeta) = SqliteStore.ForFile("rooms.db").CreateConnectors(3, new TreeTableOptions { Scope = "room 42" });
        #endregion
    }
}
