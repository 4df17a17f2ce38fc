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

    /// <summary>How many atoms the rooms' data tables hold together (the sample names them <c>room_…_data</c>).</summary>
    public static async Task<long> AtomCountAsync(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        await using var connection = await OpenAsync(path);
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'room!_%!_data' ESCAPE '!'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var atoms = 0L;
        foreach (var table in tables)
        {
            atoms += await ScalarAsync(connection, $"SELECT count(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
        }

        return atoms;
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
