using Synclets.Conformance.Support;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Client;

/// <summary>A client given the same room on several servers uses whichever answers, and moves on when it is lost.</summary>
public sealed class SeveralServersTests
{
    [Fact]
    public async Task A_client_skips_a_server_that_does_not_answer_and_moves_on_when_its_server_goes()
    {
        var backplane = new InMemoryBackplane();
        var options = new WsServerOptions { Backplane = backplane.ForServer() };
        var first = await Loopback.StartServerAsync(options);
        await using var second = await Loopback.StartServerAsync(options with { Backplane = backplane.ForServer() });
        var nobody = new Uri($"ws://127.0.0.1:{ReconnectTests.FreePort()}/room");

        var transport = new WsClientTransport([nobody, first.RoomUri("room"), second.RoomUri("room")], Peers.FastReconnect);
        await using var roaming = await Peers.CreateAsync("roaming", transport);
        await roaming.StartAsync();
        await using var settled = await Peers.StartClientAsync("settled", second.RoomUri("room"));
        await Eventually.UntilAsync(() => Task.FromResult(transport.State == WsConnectionState.Open), "the roaming client is connected");
        Assert.Equal(first.RoomUri("room"), transport.Uri);

        await roaming.SetAtomAsync(new Address("through the first"), 1);
        await Peers.HasAsync(settled, new Address("through the first"), 1);

        await first.DisposeAsync();
        await roaming.SetAtomAsync(new Address("while moving"), 2);
        await Eventually.UntilAsync(() => Task.FromResult(transport.State == WsConnectionState.Open && transport.Uri == second.RoomUri("room")), "the roaming client is on the second server");
        await Peers.HasAsync(settled, new Address("while moving"), 2);
        await settled.SetAtomAsync(new Address("back"), 3);
        await Peers.HasAsync(roaming, new Address("back"), 3);
    }

    [Fact]
    public void An_empty_list_or_a_non_websocket_address_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new WsClientTransport(Array.Empty<Uri>()));
        var error = Assert.Throws<ArgumentException>(() => new WsClientTransport([new Uri("ws://127.0.0.1:1/room"), new Uri("http://127.0.0.1:1/room")]));
        Assert.Contains("http://127.0.0.1:1/room", error.Message);
    }
}
