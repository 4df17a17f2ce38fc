using Synclets.Orleans.Tests.Support;
using Synclets.Wire;

namespace Synclets.Orleans.Tests.Failover;

/// <summary>
/// The silo holding a room's grain goes (stopped, or killed without a word) while the room's clients
/// write: its clients move to other nodes, the grain is activated on another silo, and every client
/// ends with every write any client made.
/// </summary>
public sealed class NodeFailureTests
{
    private const int Clients = 6;
    private const int WritesPerPhase = 20;

    [Theory]
    [InlineData(false, WireFormat.MessagePack)]
    [InlineData(false, WireFormat.Json)]
    [InlineData(true, WireFormat.MessagePack)]
    [InlineData(true, WireFormat.Json)]
    public async Task The_room_moves_off_a_silo_that_goes_mid_traffic_and_nothing_is_lost(bool kill, WireFormat format)
    {
        await using var cluster = await TestCluster.StartAsync();
        const string roomId = "moving-room";
        await using var clients = await RoomClients.StartAsync(cluster.Nodes, roomId, Clients, format);
        await clients.WriteAsync(first: 0, WritesPerPhase);
        var doomed = await cluster.HostOfAsync(roomId);

        // The node goes while the second half of the writes is being made and relayed.
        var going = kill ? cluster.KillNodeAsync(doomed) : cluster.StopNodeAsync(doomed);
        await clients.WriteAsync(first: WritesPerPhase, WritesPerPhase);
        await going;

        await clients.ConvergedAsync(2 * WritesPerPhase, TimeSpan.FromSeconds(60));
        Assert.NotSame(doomed, await cluster.HostOfAsync(roomId));
    }
}
