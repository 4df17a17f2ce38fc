using Npgsql;
using Synclets.Conformance;
using Synclets.Conformance.Typed;
using Synclets.Connectors;
using Synclets.Postgres.Tests.Support;
using Synclets.Transports;
using Synclets.Transports.Memory;
using Synclets.Typed;
using Synclets.Wire;

namespace Synclets.Postgres.Tests.Conformance;

/// <summary>
/// PostgreSQL connectors over memory transports, each synclet in a schema of its own (its search
/// path) in the database <c>SYNCLETS_POSTGRES</c> names. With <paramref name="typed"/>, depth 2 is
/// one typed table at the root and depths 3 and 4 a typed table per branch; otherwise tree tables.
/// </summary>
public sealed class PostgresPartsFactory(bool typed = false) : ISyncletPartsFactory
{
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<NpgsqlDataSource> _dataSources = [];
    private readonly List<string> _schemas = [];

    public string Name => typed ? "postgres-typed" : "postgres";

    public async Task<(DataConnector Data, MetaConnector Meta)> CreateConnectorsAsync(int depth, string syncletId)
    {
        var schema = $"{_prefix}_{syncletId}";
        await ExecuteAsync($"CREATE SCHEMA \"{schema}\"");
        _schemas.Add(schema);
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString);
        _dataSources.Add(dataSource);
        var store = new PostgresStore(dataSource);
        DataConnector data = (typed, depth) switch
        {
            (false, _) or (_, 1) => new PostgresDataConnector(store, depth),
            (_, 2) => new PostgresTypedDataConnector(store, ScenarioMap.Row),
            (_, 3) => new PostgresTypedDataConnector(store, ScenarioMap.Db),
            _ => new PostgresTypedDataConnector(store, ScenarioMap.PairDb),
        };
        return (data, new PostgresMetaConnector(store, depth));
    }

    public Task<Transport> CreateTransportAsync(string poolId, WireFormat wireFormat) =>
        Task.FromResult<Transport>(new MemoryTransport(poolId, new TransportOptions { WireFormat = wireFormat, FragmentSize = 4096 }));

    public async Task<Synclet> CreateSyncletAsync(SyncletComponents components, SyncletOptions options)
    {
        SyncletSchema? schema = typed ? ScenarioMap.SchemaFor(components.DataConnector!.Depth) : null;
        return schema is null
            ? await Synclet.CreateAsync(components, options: options)
            : (await SchemaGuard.CreateSyncletAsync(components, schema, "ScenarioSynclet", null, options, CancellationToken.None)).Synclet;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }

        foreach (var schema in _schemas)
        {
            await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        }
    }

    private static string ConnectionString =>
        PostgresTestFramework.ConnectionString ?? throw new InvalidOperationException($"Set {PostgresTestFramework.ConnectionVariable} to a PostgreSQL connection string.");

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
