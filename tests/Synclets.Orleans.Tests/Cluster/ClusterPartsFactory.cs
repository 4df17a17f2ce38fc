using Synclets.Conformance;
using Synclets.Connectors;
using Synclets.Connectors.Memory;
using Synclets.Orleans.Tests.Support;
using Synclets.Transports;
using Synclets.WebSockets.Client;
using Synclets.Wire;

namespace Synclets.Orleans.Tests.Cluster;

/// <summary>
/// Memory connectors over WebSockets to a three-silo cluster: the synclets of each pool take turns at
/// the nodes, so every room has clients on several silos and its packets cross the room's grain.
/// Each factory's rooms are its own, so scenarios can share one cluster.
/// </summary>
public sealed class ClusterPartsFactory(SharedCluster shared) : ISyncletPartsFactory
{
    private readonly string _roomPrefix = Guid.NewGuid().ToString("N") + "-";
    private int _next;

    /// <inheritdoc />
    public string Name => "websocket clients of an Orleans cluster";

    /// <inheritdoc />
    public Task<(DataConnector Data, MetaConnector Meta)> CreateConnectorsAsync(int depth, string syncletId) =>
        Task.FromResult<(DataConnector, MetaConnector)>((new MemoryDataConnector(depth), new MemoryMetaConnector(depth)));

    /// <inheritdoc />
    public Task<Transport> CreateTransportAsync(string poolId, WireFormat wireFormat)
    {
        var nodes = shared.Cluster.Nodes;
        var node = nodes[_next++ % nodes.Count];
        return Task.FromResult<Transport>(new WsClientTransport(node.RoomUri(_roomPrefix + poolId), new WsClientTransportOptions { WireFormat = wireFormat }));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
