using System.Net;
using Synclets.Conformance.Support;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Attacks;

/// <summary>
/// Opening rooms without end: <see cref="WsServerOptions.MaxRooms"/> bounds the rooms open at once and
/// <see cref="WsServerOptions.MaxRoomsCreatedPerClient"/> the new rooms per client address, while
/// open rooms can always be joined. Every test client connects from 127.0.0.1, so all share one quota.
/// </summary>
public sealed class RoomCapTests
{
    [Fact]
    public async Task Past_MaxRooms_a_new_room_is_refused_with_503_and_an_open_one_can_still_be_joined()
    {
        var rooms = new CountingRoomSynclets();
        await using var server = await Loopback.StartServerAsync(new WsServerOptions { CreateRoomSynclet = rooms.CreateAsync, MaxRooms = 2 });
        await using var first = await RawPeer.ConnectAsync(server.RoomUri("first"));
        await using var second = await RawPeer.ConnectAsync(server.RoomUri("second"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("third")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("fourth")));
        await using var another = await RawPeer.ConnectAsync(server.RoomUri("first"));

        Assert.Equal(2, server.Statistics.RoomsRefused);
        Assert.Equal(2, rooms.Created);
        Assert.Equal(2, server.GetClientIds("first").Count);
        Assert.Equal(["first", "second"], server.GetRoomIds().Order());
    }

    [Fact]
    public async Task A_room_closed_by_its_last_client_frees_its_place_under_MaxRooms()
    {
        await using var server = await Loopback.StartServerAsync(new WsServerOptions { CreateRoomSynclet = new CountingRoomSynclets().CreateAsync, MaxRooms = 1 });
        await using (await RawPeer.ConnectAsync(server.RoomUri("first")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("second")));
        }

        // The place is free once the server has seen the client go and disposed the room's synclet.
        await Eventually.UntilAsync(
            async () => await RawPeer.StatusOfUpgradeAsync(server.RoomUri("second")) == HttpStatusCode.SwitchingProtocols,
            "room 'second' can be opened");
    }

    [Fact]
    public async Task Past_MaxRoomsCreatedPerClient_an_address_is_refused_new_rooms_but_joins_open_ones()
    {
        var rooms = new CountingRoomSynclets();
        await using var server = await Loopback.StartServerAsync(new WsServerOptions { CreateRoomSynclet = rooms.CreateAsync, MaxRoomsCreatedPerClient = 2 });
        await using var first = await RawPeer.ConnectAsync(server.RoomUri("first"));
        await using var second = await RawPeer.ConnectAsync(server.RoomUri("second"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("third")));
        await using var another = await RawPeer.ConnectAsync(server.RoomUri("second"));

        Assert.Equal(1, server.Statistics.RoomsRefused);
        Assert.Equal(1, server.Statistics.UpgradesRefused);
        Assert.Equal(2, rooms.Created);
        Assert.Equal(2, server.GetClientIds("second").Count);
    }

    [Fact]
    public async Task An_address_may_open_rooms_again_once_its_window_ends()
    {
        await using var server = await Loopback.StartServerAsync(new WsServerOptions
        {
            MaxRoomsCreatedPerClient = 1,
            RoomCreationWindow = TimeSpan.FromMilliseconds(500),
        });
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("first")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("second")));

        await Eventually.UntilAsync(
            async () => await RawPeer.StatusOfUpgradeAsync(server.RoomUri("second")) == HttpStatusCode.SwitchingProtocols,
            "the address's window ends and it may open a room again");
    }

    [Theory]
    [InlineData(nameof(WsServerOptions.MaxRooms))]
    [InlineData(nameof(WsServerOptions.MaxRoomsCreatedPerClient))]
    [InlineData(nameof(WsServerOptions.RoomCreationWindow))]
    public void A_cap_of_zero_is_refused(string name)
    {
        var options = name switch
        {
            nameof(WsServerOptions.MaxRooms) => new WsServerOptions { MaxRooms = 0 },
            nameof(WsServerOptions.MaxRoomsCreatedPerClient) => new WsServerOptions { MaxRoomsCreatedPerClient = 0 },
            _ => new WsServerOptions { RoomCreationWindow = TimeSpan.Zero },
        };

        Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(options.Validate).ParamName);
    }
}
