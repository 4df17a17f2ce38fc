using Microsoft.Data.Sqlite;

namespace Synclets.Sqlite.Tests.Support;

/// <summary>Looks into a database file through its own connection, as other code would.</summary>
public static class Probe
{
    public static long Count(string path, string table) =>
        Convert.ToInt64(Scalar(path, $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"")}\""));

    public static object? Scalar(string path, string sql, params object[] values)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("@p" + i, values[i]);
        }

        return command.ExecuteScalar();
    }

    public static void Execute(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The column names of a table, in their order.</summary>
    public static List<string> Columns(string path, string table)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info(@p0) ORDER BY cid";
        command.Parameters.AddWithValue("@p0", table);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>Every (type, name, sql) row of sqlite_master, in order: the schema as text.</summary>
    public static List<(string Type, string Name, string? Sql)> Schema(string path)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string?)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return rows;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
