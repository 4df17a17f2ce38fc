using System.Net;
using Synclets.Conformance.Support;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Server;

/// <summary>Who gets in: the authorization hook, room limits, and requests that are not WebSockets.</summary>
public sealed class UpgradeTests
{
    private static readonly WsServerOptions TokenRequired = new()
    {
        AuthorizeUpgrade = (request, _) => ValueTask.FromResult(
            request.HttpContext.Request.Headers.Authorization.ToString() switch
            {
                "Bearer good" when request.RoomId == "private" && request.HttpContext.Request.Query["as"] != "owner" => WsUpgradeDecision.Forbidden,
                "Bearer good" => WsUpgradeDecision.Accept,
                _ => WsUpgradeDecision.Unauthorized,
            }),
    };

    [Fact]
    public async Task An_unauthenticated_upgrade_is_refused_with_401()
    {
        await using var server = await Loopback.StartServerAsync(TokenRequired);

        Assert.Equal(HttpStatusCode.Unauthorized, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("room")));
        Assert.Equal(HttpStatusCode.Unauthorized, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("room"), options => options.SetRequestHeader("Authorization", "Bearer bad")));
        Assert.Empty(server.GetRoomIds());
        Assert.Equal(2, server.Statistics.UpgradesRefused);
        Assert.Equal(0, server.Statistics.ClientsAccepted);
    }

    [Fact]
    public async Task The_hook_sees_path_and_query_and_can_forbid_a_room()
    {
        await using var server = await Loopback.StartServerAsync(TokenRequired);
        void Token(System.Net.WebSockets.ClientWebSocketOptions options) => options.SetRequestHeader("Authorization", "Bearer good");

        Assert.Equal(HttpStatusCode.Forbidden, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("private"), Token));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await RawPeer.StatusOfUpgradeAsync(new Uri(server.RoomUri("private") + "?as=owner"), Token));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("public"), Token));
    }

    [Fact]
    public async Task A_client_transport_authenticates_through_its_socket_options()
    {
        await using var server = await Loopback.StartServerAsync(TokenRequired);
        var options = Peers.FastReconnect with { ConfigureSocket = socket => socket.SetRequestHeader("Authorization", "Bearer good") };
        await using var writer = await Peers.StartClientAsync("writer", server.RoomUri("room"), options);
        await using var reader = await Peers.StartClientAsync("reader", server.RoomUri("room"), options);

        await writer.SetAtomAsync(new Address("k"), "v");

        await Peers.HasAsync(reader, new Address("k"), "v");
    }

    [Fact]
    public async Task The_query_string_is_not_part_of_the_room_id()
    {
        var roomIds = new System.Collections.Concurrent.ConcurrentBag<string>();
        await using var server = await Loopback.StartServerAsync(new WsServerOptions
        {
            AuthorizeUpgrade = (request, _) => ValueTask.FromResult(request.HttpContext.Request.Query["token"] == "good" ? WsUpgradeDecision.Accept : WsUpgradeDecision.Unauthorized),
            CreateRoomSynclet = (roomId, transport, cancellationToken) =>
            {
                roomIds.Add(roomId);
                return Peers.CreateAsync("server", transport);
            },
        });

        await using var client = await RawPeer.ConnectAsync(new Uri(server.RoomUri("room") + "?token=good"));

        Assert.Equal(["room"], server.GetRoomIds());
        Assert.Equal(["room"], roomIds);
    }

    [Fact]
    public async Task A_full_room_refuses_with_503()
    {
        await using var server = await Loopback.StartServerAsync(new WsServerOptions { MaxClientsPerRoom = 1 });
        await using var first = await RawPeer.ConnectAsync(server.RoomUri("room"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("room")));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("another room")));
        Assert.Single(server.GetClientIds("room"));
    }

    [Fact]
    public async Task A_server_holding_MaxClients_refuses_more_with_503_in_any_room()
    {
        await using var server = await Loopback.StartServerAsync(new WsServerOptions { MaxClients = 2 });
        await using var first = await RawPeer.ConnectAsync(server.RoomUri("one"));
        await using var second = await RawPeer.ConnectAsync(server.RoomUri("two"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("three")));
        Assert.Equal(1, server.Statistics.UpgradesRefused);

        await first.DisposeAsync();
        await Eventually.UntilAsync(() => Task.FromResult(server.GetRoomIds().Count == 1), "the first client has left");
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("three")));
    }

    [Fact]
    public async Task A_plain_http_request_gets_400()
    {
        await using var server = await Loopback.StartServerAsync();
        using var http = new HttpClient();

        var response = await http.GetAsync(new UriBuilder(server.RoomUri("room")) { Scheme = "http" }.Uri);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("only accepts WebSocket", await response.Content.ReadAsStringAsync());
    }
}
