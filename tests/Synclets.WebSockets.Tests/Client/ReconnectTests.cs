using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Synclets.Conformance.Support;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Client;

/// <summary>A client rides out a server restart or a late server, and syncs fully once back.</summary>
public sealed class ReconnectTests
{
    [Fact]
    public async Task A_client_reconnects_after_the_server_restarts_and_converges()
    {
        var server = await Loopback.StartServerAsync();
        var url = server.Url!;
        await using var first = await Peers.StartClientAsync("first", new Uri(url, "room"));
        await using var second = await Peers.StartClientAsync("second", new Uri(url, "room"));
        var states = new ConcurrentQueue<WsConnectionState>();
        Peers.ClientTransportOf(first).StateChanged += (_, change) => states.Enqueue(change.State);
        await first.SetAtomAsync(new Address("before"), 1);
        await Peers.HasAsync(second, new Address("before"), 1);

        await server.DisposeAsync();
        await WhenStateAsync(first, WsConnectionState.Connecting);
        await first.SetAtomAsync(new Address("while down"), "first");
        await second.SetAtomAsync(new Address("also while down"), "second");

        // Same port: the clients were given this address and keep knocking on it.
        await using var restarted = await WsServer.StartAsync($"http://127.0.0.1:{url.Port}");
        await WhenStateAsync(first, WsConnectionState.Open);
        await WhenStateAsync(second, WsConnectionState.Open);

        await Peers.HasAsync(second, new Address("while down"), "first");
        await Peers.HasAsync(first, new Address("also while down"), "second");
        Assert.True((await first.GetMetaAsync()).Equals(await second.GetMetaAsync()), "both hold the same timestamps");
        Assert.Contains(WsConnectionState.Connecting, states);
        Assert.Equal(WsConnectionState.Open, states.Last());
    }

    [Fact]
    public async Task A_client_started_before_its_server_exists_connects_when_it_appears()
    {
        var port = FreePort();
        await using var early = await Peers.StartClientAsync("early", new Uri($"ws://127.0.0.1:{port}/room"));
        Assert.Equal(WsConnectionState.Connecting, Peers.ClientTransportOf(early).State);
        await early.SetAtomAsync(new Address("offline write"), true);

        await using var server = await WsServer.StartAsync($"http://127.0.0.1:{port}");
        await using var late = await Peers.StartClientAsync("late", new Uri(server.Url!, "room"));

        await Peers.HasAsync(late, new Address("offline write"), true);
        Assert.Equal(WsConnectionState.Open, Peers.ClientTransportOf(early).State);
    }

    [Fact]
    public async Task Stopping_closes_the_connection_and_stops_retrying()
    {
        await using var server = await Loopback.StartServerAsync();
        await using var synclet = await Peers.StartClientAsync("s", server.RoomUri("room"));
        var transport = Peers.ClientTransportOf(synclet);
        Assert.Equal(WsConnectionState.Open, transport.State);

        await synclet.StopAsync();

        Assert.Equal(WsConnectionState.Closed, transport.State);
        await Eventually.UntilAsync(() => Task.FromResult(server.GetRoomIds().Count == 0), "the server saw the client leave");
        await synclet.StartAsync();
        Assert.Equal(WsConnectionState.Open, transport.State);
        Assert.Single(server.GetClientIds("room"));
    }

    [Fact]
    public void A_non_websocket_address_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new WsClientTransport(new Uri("http://127.0.0.1/room")));
        Assert.Contains("ws://", error.Message);
    }

    private static Task WhenStateAsync(Synclet synclet, WsConnectionState state) =>
        Eventually.UntilAsync(() => Task.FromResult(Peers.ClientTransportOf(synclet).State == state), $"{synclet.Id} is {state}");

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
