using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Orleans.Tests.Support;
using Synclets.WebSockets.Client;

namespace Synclets.Orleans.Tests.Failover;

/// <summary>
/// When the silo holding a room's grain dies, the room comes back on another silo knowing no node:
/// the nodes that remain tell it their members as soon as the silo is declared dead, not at their next
/// heartbeat, so quiet clients on two other nodes hear each other's next write at once.
/// </summary>
public sealed class MovedRoomTests
{
    [Fact]
    public async Task Quiet_clients_on_two_surviving_nodes_hear_the_next_write_long_before_a_heartbeat()
    {
        // Heartbeats and syncs far apart: only the dead-silo announcement can mend the room in time.
        var slowHeartbeats = TestCluster.FastOptions with { HeartbeatInterval = TimeSpan.FromMinutes(1), NodeTimeout = TimeSpan.FromMinutes(3) };
        await using var cluster = await TestCluster.StartAsync(options: slowHeartbeats);
        var (writerNode, readerNode, doomed) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        const string roomId = "quiet-room";

        // The room's grain goes where the room's first client is.
        await using (var first = await StartAsync(doomed.RoomUri(roomId), "first"))
        {
            Assert.Same(doomed, await cluster.HostOfAsync(roomId));
            await using var writer = await StartAsync(writerNode.RoomUri(roomId), "writer");
            await using var reader = await StartAsync(readerNode.RoomUri(roomId), "reader");
            await writer.SetAtomAsync(new Address("before"), 1);
            await Eventually.UntilAsync(async () => await reader.GetAtomAsync(new Address("before")) == 1, "the reader has the first write");

            await first.DisposeAsync();
            await cluster.KillNodeAsync(doomed);
            Assert.NotSame(doomed, await cluster.HostOfAsync(roomId));

            var written = 0;
            await Eventually.UntilAsync(
                async () =>
                {
                    await writer.SetAtomAsync(new Address("after"), ++written);
                    return await reader.GetAtomAsync(new Address("after")) is not null;
                },
                "the reader hears a write made after the room moved",
                TimeSpan.FromSeconds(15));
        }
    }

    private static async Task<Synclet> StartAsync(Uri room, string id)
    {
        var transport = new WsClientTransport(room);
        var synclet = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(1), new MemoryMetaConnector(1), transport),
            options: new SyncletOptions { Id = id, SyncInterval = TimeSpan.FromMinutes(1) });
        await synclet.StartAsync();
        await Eventually.UntilAsync(() => Task.FromResult(transport.State == WsConnectionState.Open), $"{id} is connected");
        return synclet;
    }
}
