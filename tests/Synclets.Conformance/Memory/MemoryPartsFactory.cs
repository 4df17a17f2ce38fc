using Synclets.Connectors;
using Synclets.Connectors.Memory;
using Synclets.Transports;
using Synclets.Transports.Memory;
using Synclets.Wire;

namespace Synclets.Conformance.Memory;

/// <summary>
/// Memory connectors over memory transports: the reference parts. With
/// <paramref name="maxLeavesPerMessage"/>, answers are sent in parts that small, so every scenario
/// also runs through parts and pieces of leaf parents.
/// </summary>
public sealed class MemoryPartsFactory(int? maxLeavesPerMessage = null) : ISyncletPartsFactory
{
    /// <inheritdoc />
    public string Name => maxLeavesPerMessage is { } max ? $"memory-parts-of-{max}" : "memory";

    /// <inheritdoc />
    public Task<(DataConnector Data, MetaConnector Meta)> CreateConnectorsAsync(int depth, string syncletId) =>
        Task.FromResult<(DataConnector, MetaConnector)>((new MemoryDataConnector(depth), new MemoryMetaConnector(depth)));

    /// <inheritdoc />
    public Task<Transport> CreateTransportAsync(string poolId, WireFormat wireFormat) =>
        Task.FromResult<Transport>(new MemoryTransport(poolId, new TransportOptions { WireFormat = wireFormat, FragmentSize = 4096 }));

    /// <inheritdoc />
    public Task<Synclet> CreateSyncletAsync(SyncletComponents components, SyncletOptions options) =>
        Synclet.CreateAsync(components, options: maxLeavesPerMessage is { } max ? options with { MaxLeavesPerMessage = max } : options);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
