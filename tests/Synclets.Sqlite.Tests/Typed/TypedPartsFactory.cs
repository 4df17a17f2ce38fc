using Synclets.Conformance.Typed;
using Synclets.Conformance;
using Synclets.Connectors;
using Synclets.Sqlite.Tests.Support;
using Synclets.Transports;
using Synclets.Transports.Memory;
using Synclets.Typed;
using Synclets.Wire;

namespace Synclets.Sqlite.Tests.Typed;

/// <summary>
/// SQLite typed tables for the conformance scenarios, each synclet created through the schema
/// guard: depth 2 is one table at the root, depths 3 and 4 a table per branch. Depth 1 has no
/// keys to make a table of, so it runs on tree tables.
/// </summary>
public sealed class TypedPartsFactory : ISyncletPartsFactory
{
    private readonly TempDirectory _directory = new();

    public string Name => "sqlite-typed";

    public Task<(DataConnector Data, MetaConnector Meta)> CreateConnectorsAsync(int depth, string syncletId)
    {
        var store = SqliteStore.ForFile(_directory.NewDatabase(syncletId));
        DataConnector data = depth switch
        {
            1 => new SqliteDataConnector(store, 1),
            2 => new SqliteTypedDataConnector(store, ScenarioMap.Row),
            3 => new SqliteTypedDataConnector(store, ScenarioMap.Db),
            _ => new SqliteTypedDataConnector(store, ScenarioMap.PairDb),
        };
        return Task.FromResult<(DataConnector, MetaConnector)>((data, new SqliteMetaConnector(store, depth)));
    }

    public Task<Transport> CreateTransportAsync(string poolId, WireFormat wireFormat) =>
        Task.FromResult<Transport>(new MemoryTransport(poolId, new TransportOptions { WireFormat = wireFormat, FragmentSize = 4096 }));

    public async Task<Synclet> CreateSyncletAsync(SyncletComponents components, SyncletOptions options)
    {
        var schema = ScenarioMap.SchemaFor(components.DataConnector!.Depth);
        return schema is null
            ? await Synclet.CreateAsync(components, options: options)
            : (await SchemaGuard.CreateSyncletAsync(components, schema, "ScenarioSynclet", null, options, CancellationToken.None)).Synclet;
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
