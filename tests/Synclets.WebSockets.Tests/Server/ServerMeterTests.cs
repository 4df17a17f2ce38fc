using Synclets.Conformance.Support;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Server.Diagnostics;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Server;

/// <summary>The "Synclets.Server" meter reports what the broker's statistics count, tagged with the server's name.</summary>
public sealed class ServerMeterTests
{
    private readonly string _name = "server-meter-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Connections_rooms_and_frames_move_as_clients_come_relay_send_garbage_and_go()
    {
        await using var server = await Loopback.StartServerAsync(new WsServerOptions { Name = _name });
        using var meter = new MeterReading(WsServerDiagnostics.MeterName, WsServerDiagnostics.NameTag, _name);
        Assert.Equal(0, meter.Collect()["synclets.server.connections"]);

        await using var first = await RawPeer.ConnectAsync(server.RoomUri("room"));
        await using var second = await RawPeer.ConnectAsync(server.RoomUri("room"));
        await Eventually.UntilAsync(() => Task.FromResult(meter.Collect()["synclets.server.connections"] == 2), "two connections are reported");
        var values = meter.Collect();
        Assert.Equal(1, values["synclets.server.rooms"]);
        Assert.Equal(2, values["synclets.server.connections.accepted"]);

        await first.SendTextAsync("* ALa0mv59s6n-qUe5 0 1 [1,0,2,[\"users\",\"alice\"],\"\",{}]");
        await second.ReceiveTextAsync();
        await first.SendTextAsync("not a packet");
        await Eventually.UntilAsync(() => Task.FromResult(meter.Collect()["synclets.server.frames.dropped"] == 1), "the garbage is reported dropped");
        values = meter.Collect();
        Assert.Equal(2, values["synclets.server.frames.received"]);
        Assert.Equal(1, values["synclets.server.frames.relayed"]);
        Assert.Equal(server.Statistics.QueuedBytes, values["synclets.server.backlog"]);

        await first.DisposeAsync();
        await second.DisposeAsync();
        await Eventually.UntilAsync(() => Task.FromResult(meter.Collect() is { } now && now["synclets.server.connections"] == 0 && now["synclets.server.rooms"] == 0), "the room closes");
    }

    [Fact]
    public async Task The_meter_publishes_the_documented_instruments_and_forgets_a_disposed_server()
    {
        var server = new WsServer(new WsServerOptions { Name = _name });
        using var meter = new MeterReading(WsServerDiagnostics.MeterName, WsServerDiagnostics.NameTag, _name);
        Assert.Equal(
            ["synclets.server.backlog", "synclets.server.clients.disconnected", "synclets.server.connections", "synclets.server.connections.accepted",
             "synclets.server.frames.dropped", "synclets.server.frames.invalid", "synclets.server.frames.rate_limited", "synclets.server.frames.received",
             "synclets.server.frames.relayed", "synclets.server.rooms", "synclets.server.rooms.refused", "synclets.server.upgrades.refused"],
            meter.Instruments.Order());
        Assert.Equal(0, meter.Collect()["synclets.server.clients.disconnected{reason=slow}"]);

        await server.DisposeAsync();

        Assert.Empty(meter.Collect());
    }
}
