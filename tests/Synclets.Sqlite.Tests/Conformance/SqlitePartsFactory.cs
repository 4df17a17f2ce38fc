using Synclets.Conformance;
using Synclets.Connectors;
using Synclets.Connectors.Memory;
using Synclets.Sqlite.Tests.Support;
using Synclets.Transports;
using Synclets.Transports.Memory;
using Synclets.Wire;

namespace Synclets.Sqlite.Tests.Conformance;

/// <summary>
/// SQLite tree-table connectors, one database file per synclet in a temp directory, over memory
/// transports. With <c>mixed</c>, synclets with an odd number use memory connectors instead.
/// </summary>
public sealed class SqlitePartsFactory(bool mixed = false) : ISyncletPartsFactory
{
    private readonly TempDirectory _directory = new();

    public string Name => mixed ? "sqlite+memory" : "sqlite";

    public Task<(DataConnector Data, MetaConnector Meta)> CreateConnectorsAsync(int depth, string syncletId)
    {
        if (mixed && int.Parse(syncletId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) % 2 == 1)
        {
            return Task.FromResult<(DataConnector, MetaConnector)>((new MemoryDataConnector(depth), new MemoryMetaConnector(depth)));
        }

        var store = SqliteStore.ForFile(_directory.NewDatabase(syncletId));
        return Task.FromResult<(DataConnector, MetaConnector)>((new SqliteDataConnector(store, depth), new SqliteMetaConnector(store, depth)));
    }

    public Task<Transport> CreateTransportAsync(string poolId, WireFormat wireFormat) =>
        Task.FromResult<Transport>(new MemoryTransport(poolId, new TransportOptions { WireFormat = wireFormat, FragmentSize = 4096 }));

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
