using Synclets.Connectors.Memory;
using Synclets.WebSockets.Server;

namespace Synclets.WebSockets.Tests.Support;

/// <summary>A <see cref="RoomSyncletFactory"/> over memory connectors that counts the rooms it was asked to make.</summary>
internal sealed class CountingRoomSynclets
{
    private int _created;

    /// <summary>How many room synclets (each with its own store) were made.</summary>
    public int Created => Volatile.Read(ref _created);

    public Task<Synclet> CreateAsync(string roomId, WsServerTransport transport, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _created);
        return Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(1), new MemoryMetaConnector(1), [transport]),
            options: new SyncletOptions { Id = "server" },
            cancellationToken: cancellationToken);
    }
}
