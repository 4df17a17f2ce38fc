using Npgsql;

namespace Synclets.Tool.Stores;

/// <summary>A PostgreSQL connection string made into a data source, and how messages name the database.</summary>
internal static class PostgresDatabase
{
    /// <summary>The data source of <paramref name="connectionString"/> and "PostgreSQL database 'app' on db.local".</summary>
    /// <exception cref="ArgumentException">It is not a PostgreSQL connection string (Npgsql's message says why).</exception>
    public static (NpgsqlDataSource DataSource, string Name) Create(string connectionString)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return (dataSource, $"PostgreSQL database '{settings.Database ?? settings.Username ?? "(default)"}' on {settings.Host ?? "(no host)"}");
    }

    /// <summary>Whether a failure to connect is the database's or the network's (and so worth one line), not a bug.</summary>
    public static bool IsConnectionFailure(Exception exception) =>
        exception is NpgsqlException or InvalidOperationException or ArgumentException;
}
