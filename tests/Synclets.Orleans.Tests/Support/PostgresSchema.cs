using Npgsql;
using Synclets.Conformance.Support;

namespace Synclets.Orleans.Tests.Support;

/// <summary>A schema of its own in the test database, its data source's search path; dropped with everything in it on dispose.</summary>
internal sealed class PostgresSchema : IAsyncDisposable
{
    private PostgresSchema(string name, NpgsqlDataSource dataSource) => (Name, DataSource) = (name, dataSource);

    public string Name { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>A connection string whose search path is the schema.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString) { SearchPath = Name }.ConnectionString;

    public static async Task<PostgresSchema> CreateAsync()
    {
        var name = "orleans_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = NpgsqlDataSource.Create(PostgresFactAttribute.ConnectionString!))
        {
            await admin.CreateCommand($"CREATE SCHEMA \"{name}\"").ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString) { SearchPath = name };
        return new PostgresSchema(name, NpgsqlDataSource.Create(builder.ConnectionString));
    }

    /// <summary>How many atoms the tree tables hold under <paramref name="scope"/> (none before a room synclet first writes, which makes the tables).</summary>
    public async Task<long> StoredAtomsAsync(string scope)
    {
        if (await ScalarAsync("SELECT to_regclass('synclets_tree') IS NOT NULL") is not true)
        {
            return 0;
        }

        await using var command = DataSource.CreateCommand("SELECT count(*) FROM synclets_tree WHERE scope = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = scope });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The first column of the first row of a query.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var admin = NpgsqlDataSource.Create(PostgresFactAttribute.ConnectionString!);
        await admin.CreateCommand($"DROP SCHEMA \"{Name}\" CASCADE").ExecuteNonQueryAsync();
    }
}
