using Synclets.Conformance;
using Synclets.Conformance.Scenarios;
using Synclets.Connectors;
using Synclets.Connectors.Memory;
using Synclets.Transports;
using Synclets.Transports.Memory;
using Synclets.Wire;

namespace Synclets.Tests.Typed.Conformance;

/// <summary>The conformance scenarios through generated typed synclets, schema check included.</summary>
public sealed class TypedTwoWayTests() : TwoWayScenarios(new TypedPartsFactory());

public sealed class TypedManyWayTests() : ManyWayScenarios(new TypedPartsFactory());

internal sealed class TypedPartsFactory : ISyncletPartsFactory
{
    public string Name => "typed";

    public Task<(DataConnector Data, MetaConnector Meta)> CreateConnectorsAsync(int depth, string syncletId) =>
        Task.FromResult<(DataConnector, MetaConnector)>((new MemoryDataConnector(depth), new MemoryMetaConnector(depth)));

    public Task<Transport> CreateTransportAsync(string poolId, WireFormat wireFormat) =>
        Task.FromResult<Transport>(new MemoryTransport(poolId, new TransportOptions { WireFormat = wireFormat }));

    public async Task<Synclet> CreateSyncletAsync(SyncletComponents components, SyncletOptions options) =>
        components.DataConnector!.Depth switch
        {
            1 => (await ScenarioValuesSynclet.CreateAsync(components, options: options)).Synclet,
            2 => (await ScenarioRowSynclet.CreateAsync(components, options: options)).Synclet,
            3 => (await ScenarioDbSynclet.CreateAsync(components, options: options)).Synclet,
            4 => (await ScenarioPairDbSynclet.CreateAsync(components, options: options)).Synclet,
            var depth => throw new ArgumentOutOfRangeException(nameof(components), depth, "Typed scenarios cover depths 1 to 4."),
        };

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
