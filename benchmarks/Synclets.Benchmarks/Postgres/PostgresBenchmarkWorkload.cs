using System.Data.Common;
using Npgsql;
using Synclets.Benchmarks.Sqlite;
using Synclets.Connectors;
using Synclets.Postgres;

namespace Synclets.Benchmarks.Postgres;

/// <summary>
/// The PostgreSQL side of the benchmark workload: the database <c>SYNCLETS_POSTGRES</c> names, a
/// fresh schema per iteration (so every run starts from empty tables), and the connectors over it.
/// </summary>
internal static class PostgresBenchmarkWorkload
{
    public const string ConnectionVariable = "SYNCLETS_POSTGRES";

    /// <summary>The connection string, or null when the PostgreSQL benchmarks cannot run.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;

    /// <summary>
    /// Leaves the PostgreSQL benchmarks out of <paramref name="benchmarks"/> when there is no
    /// database, saying so on stderr, so a run without PostgreSQL still runs everything else.
    /// </summary>
    public static Type[] Available(IEnumerable<Type> benchmarks)
    {
        var all = benchmarks.ToArray();
        if (ConnectionString is not null)
        {
            return all;
        }

        Console.Error.WriteLine($"{ConnectionVariable} is unset: the PostgreSQL benchmarks are left out (benchmarks/run.sh starts a throwaway cluster when PostgreSQL is installed).");
        return [.. all.Where(type => type.Namespace != typeof(PostgresBenchmarkWorkload).Namespace)];
    }

    /// <summary>Creates an empty schema and returns its name.</summary>
    public static string NewSchema()
    {
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        Execute($"CREATE SCHEMA \"{schema}\"");
        return schema;
    }

    public static void DropSchema(string schema) => Execute($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");

    /// <summary>
    /// Connections whose search path is <paramref name="schema"/>. PostgresStore leaves statement
    /// preparation to Npgsql's automatic preparation, so it is switched on (unless the connection
    /// string sets it, e.g. <c>Max Auto Prepare=0</c> to measure without) as an application that
    /// cares about speed would.
    /// </summary>
    public static NpgsqlDataSource DataSource(string schema)
    {
        var builder = new NpgsqlConnectionStringBuilder(Required) { SearchPath = schema };
        var given = new DbConnectionStringBuilder { ConnectionString = Required };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>Empty connectors in the schema of <paramref name="dataSource"/>: tree tables, or the SQLite benchmarks' typed tables t0…t9.</summary>
    public static (DataConnector Data, MetaConnector Meta) Connectors(NpgsqlDataSource dataSource, bool typed)
    {
        var store = new PostgresStore(dataSource);
        return typed ? store.CreateConnectors(SqliteBenchmarkWorkload.Schema) : store.CreateConnectors(depth: 3);
    }

    private static string Required =>
        ConnectionString ?? throw new InvalidOperationException($"Set {ConnectionVariable} to a PostgreSQL connection string.");

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(Required);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
