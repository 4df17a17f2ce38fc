using Synclets.Conformance.Support;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Server;

/// <summary>Rooms relay among their own members only, and forget a member the moment it leaves.</summary>
public sealed class RoomTests
{
    [Fact]
    public async Task Two_rooms_never_see_each_others_packets()
    {
        await using var server = await Loopback.StartServerAsync();
        await using var a1 = await RawPeer.ConnectAsync(server.RoomUri("a"));
        await using var a2 = await RawPeer.ConnectAsync(server.RoomUri("a"));
        await using var b1 = await RawPeer.ConnectAsync(server.RoomUri("b"));
        await using var b2 = await RawPeer.ConnectAsync(server.RoomUri("b"));

        await a1.SendTextAsync("* AAAAAAAAAAAAAAAA 0 1 [\"room a\"]");
        Assert.EndsWith(" AAAAAAAAAAAAAAAA 0 1 [\"room a\"]", await a2.ReceiveTextAsync());

        // The broker hands a packet to every receiver's queue as it reads it, so had room b been
        // given room a's packet, it would reach b2 before this one.
        await b1.SendTextAsync("* BBBBBBBBBBBBBBBB 0 1 [\"room b\"]");
        Assert.EndsWith(" BBBBBBBBBBBBBBBB 0 1 [\"room b\"]", await b2.ReceiveTextAsync());
        await b2.SendTextAsync("* CCCCCCCCCCCCCCCC 0 1 [\"room b again\"]");
        Assert.EndsWith(" CCCCCCCCCCCCCCCC 0 1 [\"room b again\"]", await b1.ReceiveTextAsync());

        Assert.Equal(["a", "b"], server.GetRoomIds().Order());
        Assert.Equal(2, server.GetClientIds("a").Count);
        Assert.Equal(3, server.Statistics.PacketsDelivered);
    }

    [Fact]
    public async Task A_packet_reaches_its_addressee_alone_and_names_its_sender()
    {
        await using var server = await Loopback.StartServerAsync();
        await using var sender = await RawPeer.ConnectAsync(server.RoomUri("room"));
        await using var addressee = await RawPeer.ConnectAsync(server.RoomUri("room"));
        await using var bystander = await RawPeer.ConnectAsync(server.RoomUri("room"));

        // Learn every id from a broadcast: the broker writes the sender's id in front.
        await sender.SendTextAsync("* AAAAAAAAAAAAAAAA 0 1 []");
        var senderId = (await addressee.ReceiveTextAsync()).Split(' ')[0];
        Assert.Equal(senderId, (await bystander.ReceiveTextAsync()).Split(' ')[0]);
        await addressee.SendTextAsync($"{senderId} BBBBBBBBBBBBBBBB 0 1 []");
        var addresseeId = (await sender.ReceiveTextAsync()).Split(' ')[0];

        await sender.SendTextAsync($"{addresseeId} CCCCCCCCCCCCCCCC 0 1 [\"only you\"]");
        Assert.Equal($"{senderId} CCCCCCCCCCCCCCCC 0 1 [\"only you\"]", await addressee.ReceiveTextAsync());
        await sender.SendTextAsync("* DDDDDDDDDDDDDDDD 0 1 [\"everyone\"]");
        Assert.EndsWith("DDDDDDDDDDDDDDDD 0 1 [\"everyone\"]", await bystander.ReceiveTextAsync());
        Assert.Contains(senderId, server.GetClientIds("room"));
    }

    [Fact]
    public async Task A_client_killed_mid_message_leaves_no_residue()
    {
        await using var server = await Loopback.StartServerAsync();
        await using var stayer = await RawPeer.ConnectAsync(server.RoomUri("room"));
        var killed = await RawPeer.ConnectAsync(server.RoomUri("other room"));

        // The first of two fragments of a protocol message, then half a WebSocket message, then gone.
        await killed.SendTextAsync("* AAAAAAAAAAAAAAAA 0 2 [1,0,1,[],");
        await killed.SendTextAsync("* BBBBBBBBBBBBBBBB 0 1 [1,", endOfMessage: false);
        killed.Socket.Abort();
        killed.Socket.Dispose();

        await Eventually.UntilAsync(() => Task.FromResult(!server.GetRoomIds().Contains("other room")), "the killed client's room is gone");
        Assert.Empty(server.GetClientIds("other room"));
        Assert.Equal(["room"], server.GetRoomIds());
        Assert.Single(server.GetClientIds("room"));
    }

    [Fact]
    public async Task A_client_that_disconnects_is_removed_from_its_room_at_once()
    {
        await using var server = await Loopback.StartServerAsync();
        await using var synclet = await Peers.StartClientAsync("s1", server.RoomUri("room"));
        Assert.Single(server.GetClientIds("room"));

        await synclet.StopAsync();

        await Eventually.UntilAsync(() => Task.FromResult(server.GetRoomIds().Count == 0), "the room is empty");
    }

    [Fact]
    public async Task Synclets_in_different_rooms_keep_different_data()
    {
        await using var server = await Loopback.StartServerAsync();
        await using var a1 = await Peers.StartClientAsync("a1", server.RoomUri("a"));
        await using var a2 = await Peers.StartClientAsync("a2", server.RoomUri("a"));
        await using var b1 = await Peers.StartClientAsync("b1", server.RoomUri("b"));
        await using var b2 = await Peers.StartClientAsync("b2", server.RoomUri("b"));

        await a1.SetAtomAsync(new Address("where"), "a");
        await b1.SetAtomAsync(new Address("where"), "b");

        await Peers.HasAsync(a2, new Address("where"), "a");
        await Peers.HasAsync(b2, new Address("where"), "b");
        Assert.Equal("b", await b1.GetAtomAsync(new Address("where")));
    }
}
