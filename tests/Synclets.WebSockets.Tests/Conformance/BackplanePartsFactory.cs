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
/// Memory connectors over WebSockets to three brokers joined by a backplane: the synclets of each
/// pool take turns at the brokers, so every room has members on several servers.
/// </summary>
public sealed class BackplanePartsFactory : ISyncletPartsFactory
{
    private readonly InMemoryBackplane _backplane = new();
    private readonly List<WsServer> _servers = [];
    private int _next;

    /// <inheritdoc />
    public string Name => "websocket brokers on a backplane";

    /// <inheritdoc />
    public Task<(DataConnector Data, MetaConnector Meta)> CreateConnectorsAsync(int depth, string syncletId) =>
        Task.FromResult<(DataConnector, MetaConnector)>((new MemoryDataConnector(depth), new MemoryMetaConnector(depth)));

    /// <inheritdoc />
    public async Task<Transport> CreateTransportAsync(string poolId, WireFormat wireFormat)
    {
        while (_servers.Count < 3)
        {
            _servers.Add(await Loopback.StartServerAsync(new WsServerOptions { Backplane = _backplane.ForServer() }));
        }

        var server = _servers[_next++ % _servers.Count];
        return new WsClientTransport(server.RoomUri(poolId), new WsClientTransportOptions { WireFormat = wireFormat });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }
}
