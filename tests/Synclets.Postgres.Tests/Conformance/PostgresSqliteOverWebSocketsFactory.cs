using Synclets.Conformance;
using Synclets.Connectors;
using Synclets.Sqlite;
using Synclets.Transports;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Server;
using Synclets.Wire;

namespace Synclets.Postgres.Tests.Conformance;

/// <summary>
/// The seed's own pairing: even synclets on PostgreSQL, odd ones on SQLite files, every pool a room
/// of one WebSocket broker on loopback.
/// </summary>
public sealed class PostgresSqliteOverWebSocketsFactory : ISyncletPartsFactory
{
    private readonly PostgresPartsFactory _postgres = new();
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("synclets-pg-sqlite-");
    private WsServer? _server;

    public string Name => "postgres+sqlite over websockets";

    public Task<(DataConnector Data, MetaConnector Meta)> CreateConnectorsAsync(int depth, string syncletId)
    {
        if (int.Parse(syncletId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) % 2 == 0)
        {
            return _postgres.CreateConnectorsAsync(depth, syncletId);
        }

        var (data, meta) = SqliteStore.ForFile(Path.Combine(_directory.FullName, syncletId + ".db")).CreateConnectors(depth);
        return Task.FromResult<(DataConnector, MetaConnector)>((data, meta));
    }

    public async Task<Transport> CreateTransportAsync(string poolId, WireFormat wireFormat)
    {
        _server ??= await WsServer.StartAsync("http://127.0.0.1:0");
        return new WsClientTransport(new Uri(_server.Url!, Uri.EscapeDataString(poolId)), new WsClientTransportOptions { WireFormat = wireFormat });
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _postgres.DisposeAsync();
        _directory.Delete(recursive: true);
    }
}
