using Synclets.Conformance;
using Synclets.Connectors;
using Synclets.Connectors.Memory;
using Synclets.Transports;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Tests.Support;
using Synclets.Wire;

namespace Synclets.WebSockets.Tests.Conformance;

/// <summary>
/// Memory connectors over WebSockets: every pool of a scenario is a room of one broker. With
/// <paramref name="serverSynclets"/>, the first synclet to join a room does so on the server (a
/// <see cref="WsServerTransport"/>) and the others as clients; otherwise all are clients.
/// </summary>
public sealed class WebSocketPartsFactory(bool serverSynclets) : ISyncletPartsFactory
{
    private readonly HashSet<string> _roomsWithServerSynclet = [];
    private WsServer? _server;

    /// <inheritdoc />
    public string Name => serverSynclets ? "websocket server synclet" : "websocket broker";

    /// <inheritdoc />
    public Task<(DataConnector Data, MetaConnector Meta)> CreateConnectorsAsync(int depth, string syncletId) =>
        Task.FromResult<(DataConnector, MetaConnector)>((new MemoryDataConnector(depth), new MemoryMetaConnector(depth)));

    /// <inheritdoc />
    public async Task<Transport> CreateTransportAsync(string poolId, WireFormat wireFormat)
    {
        _server ??= await Loopback.StartServerAsync();
        if (serverSynclets && _roomsWithServerSynclet.Add(poolId))
        {
            return new WsServerTransport(_server, poolId, new TransportOptions { WireFormat = wireFormat });
        }

        return new WsClientTransport(_server.RoomUri(poolId), new WsClientTransportOptions { WireFormat = wireFormat });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
