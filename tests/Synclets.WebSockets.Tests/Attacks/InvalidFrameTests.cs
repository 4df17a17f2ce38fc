using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Synclets.Conformance.Support;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Attacks;

/// <summary>
/// A frame that breaks the WebSocket protocol (a text message that is not UTF-8, an unknown opcode)
/// ends its connection, and is counted as such on either side instead of passing for a normal end.
/// </summary>
public sealed class InvalidFrameTests
{
    private static readonly byte[] NotUtf8 = [0x2A, 0x20, 0xC3, 0x28, 0xFF];

    [Fact]
    public async Task A_client_sending_text_that_is_not_utf8_is_counted_in_InvalidFrames_and_the_room_carries_on()
    {
        await using var server = await Loopback.StartServerAsync();
        await using var alice = await Peers.StartClientAsync("alice", server.RoomUri("room"));
        await using var bob = await Peers.StartClientAsync("bob", server.RoomUri("room"));
        await using var hostile = await RawPeer.ConnectAsync(server.RoomUri("room"));
        await Eventually.UntilAsync(() => Task.FromResult(server.GetClientIds("room").Count == 3), "all three are in the room");

        await hostile.Socket.SendAsync(NotUtf8, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        await Eventually.UntilAsync(() => Task.FromResult(server.Statistics.InvalidFrames == 1), "the invalid frame is counted");
        await Eventually.UntilAsync(() => Task.FromResult(server.GetClientIds("room").Count == 2), "the hostile client is gone");
        Assert.Equal(0, server.Statistics.PacketsDropped);
        await alice.SetAtomAsync(new Address("still syncing"), true);
        await Peers.HasAsync(bob, new Address("still syncing"), true);
    }

    [Fact]
    public async Task A_client_sending_an_unknown_opcode_is_counted_in_InvalidFrames()
    {
        await using var server = await Loopback.StartServerAsync();
        using var tcp = await UpgradeByHandAsync(server.RoomUri("room"));

        // FIN with the reserved opcode 0x3, masked (as a client must), an empty payload.
        await tcp.GetStream().WriteAsync(new byte[] { 0x83, 0x80, 0, 0, 0, 0 });

        await Eventually.UntilAsync(() => Task.FromResult(server.Statistics.InvalidFrames == 1), "the invalid frame is counted");
        await Eventually.UntilAsync(() => Task.FromResult(server.GetRoomIds().Count == 0), "the client is gone");
    }

    [Fact]
    public async Task A_client_that_merely_disconnects_is_not_counted_in_InvalidFrames()
    {
        await using var server = await Loopback.StartServerAsync();
        using (var tcp = await UpgradeByHandAsync(server.RoomUri("room")))
        {
            await Eventually.UntilAsync(() => Task.FromResult(server.GetClientIds("room").Count == 1), "the client is in the room");
        }

        await Eventually.UntilAsync(() => Task.FromResult(server.GetRoomIds().Count == 0), "the client is gone");
        Assert.Equal(0, server.Statistics.InvalidFrames);
    }

    [Fact]
    public async Task A_server_sending_text_that_is_not_utf8_is_counted_as_a_dropped_packet_by_the_client_transport()
    {
        await using var app = await StartServerSendingAsync(NotUtf8);
        var address = new Uri(app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal) + "/room");
        await using var client = await Peers.StartClientAsync("client", address);
        var transport = Peers.ClientTransportOf(client);

        await Eventually.UntilAsync(() => Task.FromResult(transport.Statistics.PacketsDropped >= 1), "the client counts the invalid frame");
        Assert.Equal(0, transport.Statistics.PacketsReceived);
    }

    /// <summary>A WebSocket server that greets every client with <paramref name="greeting"/> as a text message, then waits for it to leave.</summary>
    private static async Task<WebApplication> StartServerSendingAsync(byte[] greeting)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(Loopback.AnyPort);
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await socket.SendAsync(greeting, WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted);
            try
            {
                await socket.ReceiveAsync(new byte[1024], context.RequestAborted);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
            }
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>Opens a WebSocket on a bare TCP connection, so that the test can write frames no WebSocket class would send.</summary>
    private static async Task<TcpClient> UpgradeByHandAsync(Uri room)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(room.Host, room.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"GET {room.AbsolutePath} HTTP/1.1\r\nHost: {room.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"));

        // The answer is small and comes in one piece on loopback; only its status line matters.
        var answer = new byte[4096];
        var read = await stream.ReadAsync(answer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("HTTP/1.1 101", Encoding.ASCII.GetString(answer, 0, read), StringComparison.Ordinal);
        return tcp;
    }
}
