using Synclets.Conformance.Support;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Server;

/// <summary><c>WsServer.GetClients</c>: each client of a room with when it joined, what it sent and was sent, and its backlog.</summary>
public sealed class ClientInfoTests
{
    [Fact]
    public async Task Each_client_is_listed_oldest_first_with_its_frames_both_ways()
    {
        await using var server = await Loopback.StartServerAsync();
        var before = DateTimeOffset.UtcNow;
        await using var first = await RawPeer.ConnectAsync(server.RoomUri("room"));
        await using var second = await RawPeer.ConnectAsync(server.RoomUri("room"));
        await Eventually.UntilAsync(() => Task.FromResult(server.GetClients("room").Count == 2), "both clients are in the room");

        await first.SendTextAsync("* ALa0mv59s6n-qUe5 0 1 [1,0,2,[\"users\",\"alice\"],\"\",{}]");
        await first.SendTextAsync("not a packet");
        await second.ReceiveTextAsync();
        await Eventually.UntilAsync(() => Task.FromResult(server.GetClients("room").Any(client => client.FramesReceived == 2)), "the first client's two frames are counted");

        var clients = server.GetClients("room");
        Assert.Equal(server.GetClientIds("room").Order(), clients.Select(client => client.Id).Order());
        Assert.True(clients[0].ConnectedSince <= clients[1].ConnectedSince);
        Assert.InRange(clients[0].ConnectedSince, before, DateTimeOffset.UtcNow);
        Assert.Single(clients, client => (client.FramesReceived, client.FramesSent) == (2, 0));
        Assert.Single(clients, client => (client.FramesReceived, client.FramesSent) == (0, 1));
        Assert.All(clients, client => Assert.Equal(0, client.QueuedBytes));
        Assert.Empty(server.GetClients("no such room"));
    }
}
