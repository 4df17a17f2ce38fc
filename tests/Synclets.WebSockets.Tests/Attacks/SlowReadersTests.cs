using Synclets.Conformance.Support;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Attacks;

/// <summary>
/// Many clients that never read: each backlog is bounded, and so are all of them together, so their
/// number cannot multiply what the server holds for them.
/// </summary>
public sealed class SlowReadersTests
{
    private const int SlowReaders = 20;
    private const long MaxQueuedBytes = 4L * 1024 * 1024;

    [Fact]
    public async Task Twenty_clients_that_never_read_cannot_make_the_server_queue_more_than_MaxQueuedBytes()
    {
        // Each backlog alone may hold as much as all of them together, so it is the total that binds:
        // twenty backlogs of 4 MiB would hold 80 MiB, and together they may hold 4.
        await using var server = await Loopback.StartServerAsync(new WsServerOptions
        {
            MaxFrameBytes = 64 * 1024,
            MaxQueuedBytesPerClient = MaxQueuedBytes,
            MaxQueuedBytes = MaxQueuedBytes,
            MaxBytesPerSecondPerClient = double.PositiveInfinity,
            ByteBurstPerClient = double.PositiveInfinity,
        });
        var readers = new List<RawPeer>();
        try
        {
            for (var i = 0; i < SlowReaders; i++)
            {
                readers.Add(await RawPeer.ConnectAsync(server.RoomUri("room")));
            }

            await using var sender = await RawPeer.ConnectAsync(server.RoomUri("room"));
            await Eventually.UntilAsync(() => Task.FromResult(server.GetClientIds("room").Count == SlowReaders + 1), "everyone is in the room");
            var packet = "* AAAAAAAAAAAAAAAA 0 1 \"" + new string('x', 60 * 1024) + "\"";

            // Each packet queues 1.2 MiB (60 KiB for each reader): far more than the sockets between
            // the broker and the readers can hold, sent until every reader has been let go.
            for (var i = 0; i < 2_000 && server.GetClientIds("room").Count > 1; i++)
            {
                await sender.SendTextAsync(packet);
            }

            await Eventually.UntilAsync(() => Task.FromResult(server.GetClientIds("room").Count == 1), "every slow reader is disconnected");

            // The total came within one packet of the bound (as relayed: its '*' replaced by the
            // sender's 16-character id), and never past it.
            Assert.InRange(server.Statistics.PeakQueuedBytes, MaxQueuedBytes - (packet.Length + 15), MaxQueuedBytes);
            Assert.Equal(SlowReaders, server.Statistics.SlowClientsDisconnected);
            await Eventually.UntilAsync(() => Task.FromResult(server.Statistics.QueuedBytes == 0), "nothing is left queued once the readers are gone");
        }
        finally
        {
            foreach (var reader in readers)
            {
                await reader.DisposeAsync();
            }
        }
    }
}
