using Npgsql;

namespace Synclets.Postgres.Tests.Support;

/// <summary>
/// A schema of its own in the test database, with a data source whose search path is that schema,
/// so tests never see each other's tables; dropped with everything in it on dispose.
/// </summary>
public sealed class ScratchSchema : IAsyncDisposable
{
    private ScratchSchema(string name, NpgsqlDataSource dataSource)
    {
        Name = name;
        DataSource = dataSource;
    }

    public string Name { get; }

    /// <summary>Connections whose search path is the schema, and whose application name is the schema's name (to find them in <c>pg_stat_activity</c>).</summary>
    public NpgsqlDataSource DataSource { get; }

    public static async Task<ScratchSchema> CreateAsync()
    {
        var name = "x" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = NpgsqlDataSource.Create(PostgresTestFramework.ConnectionString!))
        {
            await admin.CreateCommand($"CREATE SCHEMA \"{name}\"").ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(PostgresTestFramework.ConnectionString) { SearchPath = name, ApplicationName = name };
        return new ScratchSchema(name, NpgsqlDataSource.Create(builder.ConnectionString));
    }

    /// <summary>Runs SQL as another client of the database would, with <c>$1…</c> parameters.</summary>
    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = Command(sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row of a query.</summary>
    public async Task<object?> ScalarAsync(string sql, params object[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var admin = NpgsqlDataSource.Create(PostgresTestFramework.ConnectionString!);
        await admin.CreateCommand($"DROP SCHEMA \"{Name}\" CASCADE").ExecuteNonQueryAsync();
    }

    private NpgsqlCommand Command(string sql, object[] parameters)
    {
        var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
