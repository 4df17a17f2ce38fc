using Synclets.Protocol;
using Synclets.Wire;

namespace Synclets.Tests.Attacks;

/// <summary>
/// Received messages cannot starve the synclet's own calls, and a flooding peer delays only itself:
/// local calls have a lane of their own, and senders take turns.
/// </summary>
public sealed class LocalLaneTests
{
    private const int FloodMessages = 1_000;

    [Fact]
    public async Task A_local_write_goes_ahead_of_a_flood_of_received_listings()
    {
        await using var target = await HostileTarget.StartAsync(2, WireFormat.Json);
        long processedWhenStored = -1;
        target.Synclet.AtomChanged += (_, change) =>
        {
            if (change.Origin == ChangeOrigin.Local)
            {
                processedWhenStored = target.Synclet.Statistics.MessagesProcessed; // on the synclet's queue, as the write is stored
            }
        };

        Flood(target, ids: 1_000);
        var processedWhenWritten = target.Synclet.Statistics.MessagesProcessed;
        await target.Synclet.SetAtomAsync(new Address("t", "mine"), "local");

        // Hundreds of listings were waiting; the write waited for the one being answered at most.
        Assert.True(processedWhenWritten < FloodMessages / 2, $"only {FloodMessages - processedWhenWritten} listings were left waiting");
        Assert.InRange(processedWhenStored - processedWhenWritten, 0, 1);
        await target.Synclet.WhenReceivedProcessedAsync();
        Assert.Equal("local", await target.Synclet.GetAtomAsync(new Address("t", "mine")));
    }

    [Fact]
    public async Task An_honest_peers_write_waits_for_the_flooders_turn_not_its_backlog()
    {
        await using var target = await HostileTarget.StartAsync(2, WireFormat.Json);
        long processedWhenApplied = -1;
        target.Synclet.AtomChanged += (_, change) =>
        {
            if (change.Address == new Address("t", "honest"))
            {
                processedWhenApplied = target.Synclet.Statistics.MessagesProcessed;
            }
        };

        Flood(target, ids: 1_000);
        var processedWhenSent = target.Synclet.Statistics.MessagesProcessed;
        target.Send("honest", Write("honest"));
        await target.Synclet.WhenReceivedProcessedAsync();

        // Hundreds of the flooder's messages were still waiting; the honest one waited for one or two.
        Assert.True(processedWhenSent < FloodMessages / 2, $"only {FloodMessages - processedWhenSent} flood messages were left waiting");
        Assert.InRange(processedWhenApplied - processedWhenSent, 1, 3);
    }

    [Fact]
    public async Task Received_messages_are_bounded_in_bytes_and_the_flooder_loses_first()
    {
        var options = new SyncletOptions { MaxQueuedMessageBytes = 1024 * 1024 };
        await using var target = await HostileTarget.StartAsync(2, WireFormat.Json, options);
        Flood(target, ids: 1_000); // about 30 MB of listings
        target.Send("honest", Write("honest"));
        await target.Synclet.WhenReceivedProcessedAsync();

        Assert.True(target.Synclet.Statistics.MessagesOverflowed > FloodMessages / 2);
        Assert.Equal("kept", await target.Synclet.GetAtomAsync(new Address("t", "honest")));
    }

    /// <summary>
    /// Queues distinct valid listings of <paramref name="ids"/> rows each, as one peer. They are all
    /// encoded first and then delivered at once, as a flood arrives faster than it can be answered.
    /// </summary>
    private static void Flood(HostileTarget target, int ids)
    {
        var codec = WireCodec.For(WireFormat.Json);
        var packets = new List<byte[]>();
        for (var message = 0; message < FloodMessages; message++)
        {
            var children = new Dictionary<string, MessageNode>(ids);
            for (var id = 0; id < ids; id++)
            {
                children["row" + id] = new HashNode((uint)(message * ids + id + 1));
            }

            packets.AddRange(codec.EncodePackets("flooder", WireCodec.NewMessageId(), new Message(2, Address.Root, new SubNodesNode(children), MessageContext.Empty), target.Peer.Options.FragmentSize));
        }

        foreach (var packet in packets)
        {
            target.Peer.Inject(packet);
        }
    }

    private static Message Write(string id) =>
        new(2, new Address("t", id), new TimestampAndAtomNode("OhqqeV-----BT7zq", "kept"), MessageContext.Empty);
}
