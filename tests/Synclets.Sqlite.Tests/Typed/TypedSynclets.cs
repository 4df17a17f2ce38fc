using Synclets.Sqlite.Tests.Support;
using Synclets.Transports;
using Synclets.Transports.Memory;
using Synclets.Typed;

namespace Synclets.Sqlite.Tests.Typed;

/// <summary>A todo synclet over a SQLite typed table, created through the schema guard.</summary>
public static class TypedSynclets
{
    public static async Task<(Synclet Synclet, SqliteTypedDataConnector Data)> CreateTodosAsync(string path, string id = "typed", string? pool = null)
    {
        var store = SqliteStore.ForFile(path);
        var data = new SqliteTypedDataConnector(store, TodoMap.Instance);
        var transports = pool is null ? new List<Transport>() : [new MemoryTransport(pool)];
        var (synclet, _) = await SchemaGuard.CreateSyncletAsync(
            new SyncletComponents(data, new SqliteMetaConnector(store, 2), transports),
            SyncletSchema.ForTable(TodoMap.Instance), "TodoSynclet", null, new SyncletOptions { Id = id }, CancellationToken.None);
        return (synclet, data);
    }

    /// <summary>Every row of the todos table as plain SQL sees it, ordered by id.</summary>
    public static List<string> SelectAll(string path)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM todos ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : $"{reader.GetValue(i)}")));
        }

        return rows;
    }
}
