using Synclets.Tests.Support;
using Synclets.Wire;

namespace Synclets.Tests.Attacks;

/// <summary>
/// A compressed MessagePack payload of a few bytes may claim tens of megabytes; the receiver must not
/// allocate what it claims. It may expand only as far as LZ4 can reach, and never past the largest message.
/// </summary>
public sealed class DecompressionBombTests
{
    private const int Claimed = 60 * 1024 * 1024;

    [Fact]
    public void A_bomb_is_refused_without_allocating_what_it_claims()
    {
        var bomb = DecompressionBomb.Create(Claimed);
        Assert.True(bomb.Length < 40, $"the bomb is {bomb.Length} bytes");
        var codec = WireCodec.For(WireFormat.MessagePack);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 50; i++)
        {
            Assert.Throws<WireFormatException>(() => codec.DecodeMessage(bomb, maxMessageBytes: 64 * 1024 * 1024));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 4 * 1024 * 1024, $"50 bombs allocated {allocated / 1024 / 1024} MB");
    }

    [Fact]
    public async Task Fifty_bombs_sent_to_a_synclet_are_counted_drops_and_cost_no_large_allocations()
    {
        await using var target = await HostileTarget.StartAsync(2, WireFormat.MessagePack);
        var bombs = Enumerable.Range(0, 50).Select(i => DecompressionBomb.Create(Claimed, (byte)i)).ToList(); // distinct, or all but one would wait as repeats
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < bombs.Count; i++)
        {
            target.Peer.Inject(MessagePackBytes.Packet("peer", "m" + i, bombs[i]));
        }

        await target.Synclet.WhenReceivedProcessedAsync();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(50, target.Synclet.Statistics.MessagesRejected);
        Assert.Equal(50, target.Peer.Statistics.MessagesDropped);

        // Other tests allocate meanwhile; one bomb honoured would be 60 MB, fifty 3 GB.
        Assert.True(allocated < 256L * 1024 * 1024, $"the process allocated {allocated / 1024 / 1024} MB while 50 bombs were decoded");
    }

    [Fact]
    public void A_real_compressed_message_still_decodes()
    {
        var codec = WireCodec.For(WireFormat.MessagePack);
        var text = new string('a', 1_000_000); // compresses well over a hundredfold
        var message = new Protocol.Message(2, new Address("t", "a"), new Protocol.TimestampAndAtomNode("OhqqeV-----BT7zq", text), Protocol.MessageContext.Empty);
        var payload = codec.EncodeMessage(message);
        Assert.True(payload.Length < text.Length / 50);
        Assert.Equal(message, codec.DecodeMessage(payload, maxMessageBytes: 2_000_000));
        Assert.Throws<WireFormatException>(() => codec.DecodeMessage(payload, maxMessageBytes: 500_000));
    }
}
