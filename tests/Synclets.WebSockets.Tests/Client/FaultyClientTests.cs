using Synclets.Connectors.Memory;
using Synclets.Transports.Faults;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Client;

/// <summary>The fault kit wraps a WebSocket client like any transport, and periodic syncs repair what it loses.</summary>
public sealed class FaultyClientTests
{
    [Fact]
    public async Task A_write_lost_between_two_wrapped_clients_arrives_with_the_next_periodic_sync()
    {
        await using var server = await Loopback.StartServerAsync();
        var room = server.RoomUri("faulty");
        var network = new FaultyNetwork(seed: 3);
        await using var first = await CreateAsync("first", network.Wrap(new WsClientTransport(room, Peers.FastReconnect)));
        await using var second = await CreateAsync("second", network.Wrap(new WsClientTransport(room, Peers.FastReconnect)));
        await first.StartAsync();
        await second.StartAsync();
        await first.SetAtomAsync(new Address("before"), 1);
        await Peers.HasAsync(second, new Address("before"), 1);

        network.Settings = new FaultSettings { DropRate = 1 };
        await first.SetAtomAsync(new Address("lost"), "on the way");
        network.Settings = FaultSettings.None;
        Assert.True(network.Statistics.PacketsDropped >= 1);

        await Peers.HasAsync(second, new Address("lost"), "on the way");
        Assert.True((await first.GetMetaAsync()).Equals(await second.GetMetaAsync()), "both hold the same timestamps");
    }

    // A short interval on the real clock: the test waits for the repair, not for a guessed time.
    private static Task<Synclet> CreateAsync(string id, Transports.Transport transport) =>
        Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(1), new MemoryMetaConnector(1), transport),
            options: new SyncletOptions { Id = id, SyncInterval = TimeSpan.FromMilliseconds(300) });
}
