using System.Collections.Concurrent;
using Synclets.Conformance.Support;
using Synclets.Connectors;
using Synclets.Connectors.Memory;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Server;

/// <summary>A synclet on the server: a peer of every client in its room, storing the room's data.</summary>
public sealed class RoomSyncletTests
{
    [Fact]
    public async Task A_server_synclet_keeps_a_rooms_data_between_clients()
    {
        var store = new RoomStores();
        await using var server = await Loopback.StartServerAsync(new WsServerOptions { CreateRoomSynclet = store.CreateAsync });

        await using (var first = await Peers.StartClientAsync("first", server.RoomUri("room")))
        {
            await first.SetAtomAsync(new Address("kept"), "by the server");
            await store.HasAsync("room", new Address("kept"), "by the server");
        }

        // With nobody left, the room and its synclet go; the data stays in the room's store.
        await Eventually.UntilAsync(() => Task.FromResult(server.GetRoomIds().Count == 0), "the room closed");
        Assert.False(store.Synclets[0].IsStarted);

        await using var second = await Peers.StartClientAsync("second", server.RoomUri("room"));
        await Peers.HasAsync(second, new Address("kept"), "by the server");
        // The second synclet could attach the room's connectors only because the first let them go.
        Assert.Equal(2, store.Synclets.Count);
    }

    [Fact]
    public async Task A_server_synclet_joined_by_hand_is_a_peer_of_the_rooms_clients()
    {
        await using var server = await Loopback.StartServerAsync();
        await using var serverSynclet = await Peers.CreateAsync("server", new WsServerTransport(server, "room"));
        await serverSynclet.StartAsync();
        await serverSynclet.SetAtomAsync(new Address("greeting"), "hello");

        await using var client = await Peers.StartClientAsync("client", server.RoomUri("room"));
        await Peers.HasAsync(client, new Address("greeting"), "hello");
        await client.SetAtomAsync(new Address("reply"), "hi");
        await Peers.HasAsync(serverSynclet, new Address("reply"), "hi");

        Assert.Equal(["room"], server.GetRoomIds());
        Assert.Single(server.GetClientIds("room"));
    }

    [Fact]
    public async Task A_room_whose_synclet_cannot_start_refuses_clients_with_503()
    {
        await using var server = await Loopback.StartServerAsync(new WsServerOptions
        {
            CreateRoomSynclet = (_, _, _) => throw new InvalidOperationException("no store for this room"),
        });

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("room")));
        Assert.Empty(server.GetRoomIds());
    }

    /// <summary>One pair of memory connectors per room, reused by each synclet the room gets.</summary>
    private sealed class RoomStores
    {
        private readonly ConcurrentDictionary<string, (DataConnector Data, MetaConnector Meta)> _stores = new();
        private readonly ConcurrentDictionary<string, Synclet> _current = new();

        public List<Synclet> Synclets { get; } = [];

        public async Task<Synclet> CreateAsync(string roomId, WsServerTransport transport, CancellationToken cancellationToken)
        {
            var (data, meta) = _stores.GetOrAdd(roomId, _ => (new MemoryDataConnector(1), new MemoryMetaConnector(1)));
            var synclet = await Synclet.CreateAsync(new SyncletComponents(data, meta, [transport]), options: new SyncletOptions { Id = "server" }, cancellationToken: cancellationToken);
            _current[roomId] = synclet;
            lock (Synclets)
            {
                Synclets.Add(synclet);
            }

            return synclet;
        }

        public Task HasAsync(string roomId, Address address, Atom atom) => Peers.HasAsync(_current[roomId], address, atom);
    }
}
