using Synclets.Connectors.Memory;
using Synclets.Transports;
using Synclets.Transports.Memory;
using Synclets.Wire;

namespace Synclets.Tests.Wire;

/// <summary>What a local write costs on the wire: one message, and in MessagePack mode at most 60 bytes.</summary>
public sealed class WireSizeTests
{
    [Fact]
    public void Packet_message_ids_are_16_characters_in_JSON_and_8_in_MessagePack()
    {
        var messagePack = WireCodec.For(WireFormat.MessagePack);

        Assert.Equal(16, WireCodec.For(WireFormat.Json).NewPacketMessageId().Length);
        Assert.Equal(8, messagePack.NewPacketMessageId().Length);
        Assert.NotEqual(messagePack.NewPacketMessageId(), messagePack.NewPacketMessageId());
    }

    [Theory]
    [InlineData(WireFormat.MessagePack, 60)]
    [InlineData(WireFormat.Json, 85)]
    public async Task One_local_write_is_one_small_message(WireFormat format, int maxBytes)
    {
        // Alone in its pool, so nothing but the write is sent after the start.
        var sent = new MemoryTransport(Guid.NewGuid().ToString("N"), new TransportOptions { WireFormat = format });
        await using var writer = await Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(3), new MemoryMetaConnector(3), sent));
        await writer.StartAsync();
        var (messages, bytes) = (sent.Statistics.MessagesSent, sent.Statistics.BytesSent);

        await writer.SetAtomAsync(new Address("t7", "r0", "c0"), "changed");

        Assert.Equal(1, sent.Statistics.MessagesSent - messages);
        Assert.InRange(sent.Statistics.BytesSent - bytes, 1, maxBytes);
    }
}
