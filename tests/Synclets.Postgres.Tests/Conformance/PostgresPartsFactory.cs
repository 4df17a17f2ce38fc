using Npgsql;
using Synclets.Conformance;
using Synclets.Connectors;
using Synclets.Postgres.Tests.Support;
using Synclets.Relational;
using Synclets.Transports;
using Synclets.Transports.Memory;
using Synclets.Wire;

namespace Synclets.Postgres.Tests.Conformance;

/// <summary>
/// PostgreSQL tree-table connectors over memory transports: each synclet of a test gets its own
/// pair of tables, named after a fresh prefix, in the database <c>SYNCLETS_POSTGRES</c> names.
/// </summary>
public sealed class PostgresPartsFactory : ISyncletPartsFactory
{
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<string> _tables = [];
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(
        PostgresTestFramework.ConnectionString ?? throw new InvalidOperationException($"Set {PostgresTestFramework.ConnectionVariable} to a PostgreSQL connection string."));

    public string Name => "postgres";

    public Task<(DataConnector Data, MetaConnector Meta)> CreateConnectorsAsync(int depth, string syncletId)
    {
        var options = new TreeTableOptions { DataTable = $"{_prefix}_{syncletId}_data", MetaTable = $"{_prefix}_{syncletId}_meta" };
        _tables.AddRange([options.DataTable, options.MetaTable]);
        var (data, meta) = new PostgresStore(_dataSource).CreateConnectors(depth, options);
        return Task.FromResult<(DataConnector, MetaConnector)>((data, meta));
    }

    public Task<Transport> CreateTransportAsync(string poolId, WireFormat wireFormat) =>
        Task.FromResult<Transport>(new MemoryTransport(poolId, new TransportOptions { WireFormat = wireFormat, FragmentSize = 4096 }));

    public async ValueTask DisposeAsync()
    {
        await using (var connection = await _dataSource.OpenConnectionAsync())
        {
            foreach (var table in _tables)
            {
                await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS \"{table}\"", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }

        await _dataSource.DisposeAsync();
    }
}
