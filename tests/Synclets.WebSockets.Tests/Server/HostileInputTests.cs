using System.Text;
using Synclets.Conformance.Support;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Server;

/// <summary>Garbage costs the broker a counted drop each, and nothing else.</summary>
public sealed class HostileInputTests
{
    private const int MaxFrameBytes = 16 * 1024;

    [Fact]
    public async Task The_broker_survives_ten_thousand_malformed_frames_and_keeps_relaying()
    {
        // Garbage, not its rate, is what this test is about: an eighth of the frames are 64 KiB, 80 MiB in all.
        await using var server = await Loopback.StartServerAsync(new WsServerOptions
        {
            MaxFrameBytes = MaxFrameBytes,
            MaxBytesPerSecondPerClient = double.PositiveInfinity,
            ByteBurstPerClient = double.PositiveInfinity,
        });
        await using var writer = await Peers.StartClientAsync("writer", server.RoomUri("room"));
        await using var reader = await Peers.StartClientAsync("reader", server.RoomUri("room"));
        await using var hostile = await RawPeer.ConnectAsync(server.RoomUri("room"));
        var random = new Random(20261126);
        var oversize = new byte[MaxFrameBytes * 4];
        random.NextBytes(oversize);
        GC.Collect();
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        const int frames = 10_000;
        for (var i = 0; i < frames; i++)
        {
            switch (i % 8)
            {
                case 0:
                    var garbage = new byte[random.Next(1, 200)];
                    random.NextBytes(garbage);
                    await hostile.SendBinaryAsync(garbage);
                    break;
                case 1:
                    await hostile.SendBinaryAsync([]);
                    break;
                case 2:
                    await hostile.SendTextAsync(string.Empty);
                    break;
                case 3:
                    await hostile.SendTextAsync("no-spaces-at-all");
                    break;
                case 4:
                    await hostile.SendTextAsync("* AAAAAAAAAAAAAAAA 7 2 {}");
                    break;
                case 5:
                    await hostile.SendTextAsync("* AAAAAAAAAAAAAAAA 0");
                    break;
                case 6:
                    await hostile.SendBinaryAsync(oversize);
                    break;
                default:
                    await hostile.SendTextAsync("*  AAAAAAAAAAAAAAAA 0 -1 " + new string('[', 100));
                    break;
            }
        }

        // Well-behaved clients of the same room still sync, in both directions.
        await writer.SetAtomAsync(new Address("after the flood"), true);
        await reader.SetAtomAsync(new Address("answer"), 42);
        await Peers.HasAsync(reader, new Address("after the flood"), true);
        await Peers.HasAsync(writer, new Address("answer"), 42);

        await Eventually.UntilAsync(() => Task.FromResult(server.Statistics.PacketsDropped >= frames), $"every malformed frame is counted (dropped {server.Statistics.PacketsDropped}, delivered {server.Statistics.PacketsDelivered})");
        Assert.Equal(frames, server.Statistics.PacketsDropped);
        Assert.Equal(0, Peers.ClientTransportOf(reader).Statistics.PacketsDropped);
        Assert.Equal(3, server.GetClientIds("room").Count);
        var growth = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;
        Assert.True(growth < 32 * 1024 * 1024, $"memory grew by {growth:N0} bytes");
    }

    [Fact]
    public async Task Frames_addressed_to_nobody_in_the_room_are_counted_not_delivered()
    {
        await using var server = await Loopback.StartServerAsync();
        await using var peer = await RawPeer.ConnectAsync(server.RoomUri("room"));
        await using var other = await RawPeer.ConnectAsync(server.RoomUri("room"));

        await peer.SendTextAsync("ghost AAAAAAAAAAAAAAAA 0 1 []");
        await peer.SendTextAsync("* BBBBBBBBBBBBBBBB 0 1 [\"real\"]");

        Assert.EndsWith("BBBBBBBBBBBBBBBB 0 1 [\"real\"]", Encoding.UTF8.GetString((await other.ReceiveAsync()).Bytes));
        Assert.Equal(1, server.Statistics.PacketsDropped);
        Assert.Equal(1, server.Statistics.PacketsDelivered);
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_disconnected_before_its_backlog_fills_memory()
    {
        await using var server = await Loopback.StartServerAsync(new WsServerOptions { MaxFrameBytes = 64 * 1024, MaxQueuedBytesPerClient = 1024 * 1024 });
        await using var sender = await RawPeer.ConnectAsync(server.RoomUri("room"));
        await using var sink = await RawPeer.ConnectAsync(server.RoomUri("room"));
        var packet = "* AAAAAAAAAAAAAAAA 0 1 \"" + new string('x', 60 * 1024) + "\"";

        // Far more than the socket buffers between the broker and the sink can hold.
        for (var i = 0; i < 1000 && server.Statistics.SlowClientsDisconnected == 0; i++)
        {
            await sender.SendTextAsync(packet);
        }

        await Eventually.UntilAsync(() => Task.FromResult(server.GetClientIds("room").Count == 1), "the sink was dropped");
        Assert.Equal(1, server.Statistics.SlowClientsDisconnected);
    }

    [Fact]
    public async Task An_idle_client_is_disconnected()
    {
        // Long enough for the handshake to complete on a busy machine, where the timer already runs.
        await using var server = await Loopback.StartServerAsync(new WsServerOptions { IdleTimeout = TimeSpan.FromSeconds(1) });
        await using var idle = await RawPeer.ConnectAsync(server.RoomUri("room"));
        Assert.Equal(1, server.Statistics.ClientsAccepted);

        await Eventually.UntilAsync(() => Task.FromResult(server.GetRoomIds().Count == 0), "the idle client is gone");
        Assert.Equal(1, server.Statistics.IdleClientsDisconnected);
    }
}
