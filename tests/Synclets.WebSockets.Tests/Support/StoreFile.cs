using Microsoft.Data.Sqlite;

namespace Synclets.WebSockets.Tests.Support;

/// <summary>Looks into a server's SQLite file from outside the server.</summary>
internal static class StoreFile
{
    /// <summary>How many tables the file holds (none if it does not exist yet).</summary>
    public static async Task<long> TableCountAsync(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        await using var connection = await OpenAsync(path);
        return await ScalarAsync(connection, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
    }

    /// <summary>How many atoms the rooms hold together (every room's rows are in <c>synclets_tree</c>; none before it exists).</summary>
    public static async Task<long> AtomCountAsync(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        await using var connection = await OpenAsync(path);
        return await ScalarAsync(connection, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'synclets_tree'") == 0
            ? 0
            : await ScalarAsync(connection, "SELECT count(*) FROM synclets_tree WHERE atom IS NOT NULL");
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
