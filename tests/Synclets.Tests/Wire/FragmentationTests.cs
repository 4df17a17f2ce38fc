using System.Text;
using Synclets.Protocol;
using Synclets.Wire;

namespace Synclets.Tests.Wire;

public class FragmentationTests
{
    public static TheoryData<WireFormat, int> FormatsAndTinySizes()
    {
        var data = new TheoryData<WireFormat, int>();
        foreach (var format in WireTestData.Formats)
        {
            foreach (var size in new[] { 1, 2, 3, 7, 64, 4096 })
            {
                data.Add(format, size);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FormatsAndTinySizes))]
    public void MessagesSurviveFragmentationAndShuffledReassembly(WireFormat format, int fragmentSize)
    {
        var codec = WireCodec.For(format);
        var random = new Random(fragmentSize);
        var message = new Message(
            2,
            new Address("emoji 😀𝄞 x"),
            WireTestData.SubNodes(
                true,
                ("a b", new TimestampAndAtomNode(WireTestData.Timestamp, "😀😀 \u2028 é 中")),
                ("😀", new TimestampAndAtomNode(WireTestData.Timestamp, null)),
                ("", new HashNode(99))),
            WireTestData.Context(("who", "😀")));

        var packets = codec.EncodePackets("peer-1", "msg-0123456789ab", message, fragmentSize).ToArray();
        var expectedPayload = codec.EncodeMessage(message);
        for (var i = 0; i < packets.Length; i++)
        {
            Assert.True(codec.TryParsePacket(packets[i], out var packet));
            Assert.Equal(("peer-1", "msg-0123456789ab", i, packets.Length), (packet.Peer, packet.MessageId, packet.Index, packet.Total));
            AssertFragmentFits(format, packet.Fragment.Span, fragmentSize);
        }

        random.Shuffle(packets);
        var payload = WireTestData.Reassemble(codec, packets);
        Assert.Equal(expectedPayload, payload);
        Assert.Equal(message, codec.DecodeMessage(payload));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void JsonFragmentsNeverSplitASurrogatePair(int fragmentSize)
    {
        var codec = WireCodec.For(WireFormat.Json);
        var message = WireTestData.Leaf(new TimestampNode("😀a😀😀ab😀"), "😀");
        var text = Encoding.UTF8.GetString(codec.EncodeMessage(message));
        var fragments = codec.EncodePackets("*", "id", message, fragmentSize).Select(bytes =>
        {
            Assert.True(codec.TryParsePacket(bytes, out var packet));
            return Encoding.UTF8.GetString(packet.Fragment.Span);
        }).ToArray();

        Assert.Equal(text, string.Concat(fragments));
        foreach (var fragment in fragments)
        {
            Assert.False(fragment.Length == 0);
            Assert.False(char.IsLowSurrogate(fragment[0]), $"'{fragment}' starts with a low surrogate");
            Assert.False(char.IsHighSurrogate(fragment[^1]), $"'{fragment}' ends with a high surrogate");
            Assert.True(fragment.Length <= Math.Max(fragmentSize, 2));
        }
    }

    [Fact]
    public void JsonFragmentsAreCountedInUtf16CodeUnitsAndEndEarlyBeforeAPair()
    {
        var codec = WireCodec.For(WireFormat.Json);

        // The text is [1,0,1,["k"],"ééé😀é",{}]: its sixth chunk of 3 units would end on the high
        // surrogate at index 17, so it keeps 2.
        var message = WireTestData.Leaf(new TimestampNode("ééé😀é"), "k");
        var text = Encoding.UTF8.GetString(codec.EncodeMessage(message));
        var fragments = codec.EncodePackets("*", "id", message, 3).Select(bytes =>
        {
            Assert.True(codec.TryParsePacket(bytes, out var packet));
            return Encoding.UTF8.GetString(packet.Fragment.Span);
        }).ToList();

        var expected = new List<string>();
        for (var at = 0; at < text.Length;)
        {
            var length = Math.Min(3, text.Length - at);
            if (char.IsHighSurrogate(text[at + length - 1]))
            {
                length--;
            }

            expected.Add(text.Substring(at, length));
            at += length;
        }

        Assert.Equal(expected, fragments);
        Assert.Equal("éé", fragments[5]);
        Assert.Equal("😀é", fragments[6]);
    }

    [Fact]
    public void MessagePackFragmentsAreCutFromThePayloadBytes()
    {
        var codec = WireCodec.For(WireFormat.MessagePack);
        var message = WireTestData.InitialSync(tables: 1, rows: 30);
        var payload = codec.EncodeMessage(message);
        var packets = codec.EncodePackets("to", "id", message, 100);
        Assert.Equal((payload.Length + 99) / 100, packets.Count);
        var offset = 0;
        foreach (var bytes in packets)
        {
            Assert.True(codec.TryParsePacket(bytes, out var packet));
            Assert.Equal(payload.AsSpan(offset, packet.Fragment.Length).ToArray(), packet.Fragment.ToArray());
            offset += packet.Fragment.Length;
        }

        Assert.Equal(payload.Length, offset);
    }

    [Fact]
    public void AnEmptyJsonTextStillMakesOnePacket()
    {
        // The smallest JSON text is never empty, but the chunker must still produce one packet for it.
        Assert.Equal(0, Utf16Chunker.ChunkEnd([], 0, 10));
        var codec = WireCodec.For(WireFormat.Json);
        var packets = codec.EncodePackets("*", "id", new Message(1, Address.Root, new HashNode(0), MessageContext.Empty), 4096);
        Assert.Equal("* id 0 1 [1,0,1,[],0,{}]", Encoding.UTF8.GetString(Assert.Single(packets)));
    }

    [Theory]
    [MemberData(nameof(WireTestData.AllFormats), MemberType = typeof(WireTestData))]
    public void PacketsRefuseUnusableArguments(WireFormat format)
    {
        var codec = WireCodec.For(format);
        var message = new Message(1, Address.Root, new HashNode(0), MessageContext.Empty);
        Assert.Throws<ArgumentOutOfRangeException>(() => codec.EncodePackets("*", "id", message, 0));
        Assert.Throws<ArgumentException>(() => codec.EncodePackets("", "id", message, 10));
        Assert.Throws<ArgumentException>(() => codec.EncodePackets("*", "", message, 10));
        Assert.Throws<ArgumentException>(() => codec.WithPeer(codec.EncodePackets("*", "id", message, 10)[0], ""));
        if (format == WireFormat.Json)
        {
            Assert.Throws<ArgumentException>(() => codec.EncodePackets("a b", "id", message, 10));
            Assert.Throws<ArgumentException>(() => codec.EncodePackets("*", "i d", message, 10));
        }
        else
        {
            // Binary packets carry any id.
            var packet = codec.EncodePackets("a b", "i d", message, 10)[0];
            Assert.True(codec.TryParsePacket(packet, out var parsed));
            Assert.Equal(("a b", "i d"), (parsed.Peer, parsed.MessageId));
        }
    }

    private static void AssertFragmentFits(WireFormat format, ReadOnlySpan<byte> fragment, int fragmentSize)
    {
        if (format == WireFormat.MessagePack)
        {
            Assert.InRange(fragment.Length, 1, fragmentSize);
            return;
        }

        var units = Encoding.UTF8.GetString(fragment).Length;
        Assert.InRange(units, 1, Math.Max(fragmentSize, 2)); // a size of 1 still carries a whole pair
    }
}
