using Synclets.Conformance;
using Synclets.Conformance.Scenarios;
using Synclets.Connectors;
using Synclets.Transports;
using Synclets.Transports.Memory;
using Synclets.Wire;

namespace Synclets.Tests.Connectors;

/// <summary>The conformance scenarios over connectors that rely on every default of the base classes.</summary>
public sealed class CoreOnlyTwoWayTests() : TwoWayScenarios(new CoreOnlyPartsFactory());

public sealed class CoreOnlyManyWayTests() : ManyWayScenarios(new CoreOnlyPartsFactory());

internal sealed class CoreOnlyPartsFactory : ISyncletPartsFactory
{
    public string Name => "core-only";

    public Task<(DataConnector Data, MetaConnector Meta)> CreateConnectorsAsync(int depth, string syncletId) =>
        Task.FromResult<(DataConnector, MetaConnector)>((new CoreOnlyDataConnector(depth), new CoreOnlyMetaConnector(depth)));

    public Task<Transport> CreateTransportAsync(string poolId, WireFormat wireFormat) =>
        Task.FromResult<Transport>(new MemoryTransport(poolId, new TransportOptions { WireFormat = wireFormat }));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
