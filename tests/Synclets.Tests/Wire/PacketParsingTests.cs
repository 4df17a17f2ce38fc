using System.Buffers;
using System.Text;
using MessagePack;
using Synclets.Protocol;
using Synclets.Wire;

namespace Synclets.Tests.Wire;

public class PacketParsingTests
{
    private static readonly WireCodec s_json = WireCodec.For(WireFormat.Json);
    private static readonly WireCodec s_messagePack = WireCodec.For(WireFormat.MessagePack);
    private static readonly byte[] s_one = [1];
    private static readonly byte[] s_eight = [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [InlineData("* id 0 1 [1]", "*", "id", 0, 1, "[1]")]
    [InlineData("peer id 2 3 a fragment with  spaces ", "peer", "id", 2, 3, "a fragment with  spaces ")]
    [InlineData("p i 0 1 ", "p", "i", 0, 1, "")]
    [InlineData("p i 007 0010 x", "p", "i", 7, 10, "x")]
    [InlineData("😀 é 0 1 😀", "😀", "é", 0, 1, "😀")]
    [InlineData("p i 2147483646 2147483647 x", "p", "i", 2147483646, 2147483647, "x")]
    public void JsonPacketsSplitOnTheFirstFourSpaces(string text, string peer, string id, int index, int total, string fragment)
    {
        Assert.True(s_json.TryParsePacket(Encoding.UTF8.GetBytes(text), out var packet));
        Assert.Equal((peer, id, index, total), (packet.Peer, packet.MessageId, packet.Index, packet.Total));
        Assert.Equal(fragment, Encoding.UTF8.GetString(packet.Fragment.Span));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("garbage")]
    [InlineData("p i 0 1")]
    [InlineData("p i 0")]
    [InlineData("p i")]
    [InlineData("p")]
    [InlineData(" i 0 1 x")]
    [InlineData("p  0 1 x")]
    [InlineData("p i  1 x")]
    [InlineData("p i 0  x")]
    [InlineData("p i x 1 x")]
    [InlineData("p i 0 y x")]
    [InlineData("p i -1 1 x")]
    [InlineData("p i +0 1 x")]
    [InlineData("p i 0 -1 x")]
    [InlineData("p i 0 0 x")]
    [InlineData("p i 1 1 x")]
    [InlineData("p i 5 3 x")]
    [InlineData("p i 0x1 2 x")]
    [InlineData("p i 1.0 2 x")]
    [InlineData("p i 0 2147483648 x")]
    [InlineData("p i 99999999999999999999 1 x")]
    [InlineData("p i ٣ 5 x")]
    public void MalformedJsonPacketsAreRefused(string text) =>
        Assert.False(s_json.TryParsePacket(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void JsonPacketsWithInvalidUtf8IdsAreRefused()
    {
        Assert.False(s_json.TryParsePacket((byte[])[0xFF, .. " i 0 1 x"u8], out _));
        Assert.False(s_json.TryParsePacket((byte[])[.. "p "u8, 0xC3, .. " 0 1 x"u8], out _));
    }

    [Fact]
    public void TheJsonFragmentIsASliceOfThePacket()
    {
        var bytes = Encoding.UTF8.GetBytes("p i 0 1 fragment");
        var memory = new ReadOnlyMemory<byte>(bytes);
        Assert.True(s_json.TryParsePacket(memory, out var packet));
        Assert.True(bytes.AsSpan().Overlaps(packet.Fragment.Span, out var offset));
        Assert.Equal(8, offset);
    }

    [Fact]
    public void MessagePackPacketsAreFiveElementArrays()
    {
        var message = new Message(1, Address.Root, new HashNode(5), MessageContext.Empty);
        var packet = Assert.Single(s_messagePack.EncodePackets("to", "id", message, 4096));
        var reader = new MessagePackReader(packet);
        Assert.Equal(5, reader.ReadArrayHeader());
        Assert.Equal("to", reader.ReadString());
        Assert.Equal("id", reader.ReadString());
        Assert.Equal(0, reader.ReadInt32());
        Assert.Equal(1, reader.ReadInt32());
        Assert.Equal(s_messagePack.EncodeMessage(message), reader.ReadBytes()!.Value.ToArray());
        Assert.True(reader.End);
    }

    [Fact]
    public void TheMessagePackFragmentIsASliceOfThePacketNotACopy()
    {
        var message = new Message(1, Address.Root, new HashNode(5), MessageContext.Empty);
        var bytes = s_messagePack.EncodePackets("to", "id", message, 4096)[0];
        Assert.True(s_messagePack.TryParsePacket(bytes, out var packet));
        Assert.True(bytes.AsSpan().Overlaps(packet.Fragment.Span, out var offset));
        Assert.Equal(bytes.Length - packet.Fragment.Length, offset);
    }

    public static TheoryData<string, byte[]> MalformedMessagePackPackets()
    {
        var data = new TheoryData<string, byte[]>
        {
            { "empty", [] },
            { "nil", [0xC0] },
            { "invalid code", [0xC1] },
            { "not an array", Pack((ref MessagePackWriter w) => w.Write("p")) },
            { "four elements", Pack((ref MessagePackWriter w) => { w.WriteArrayHeader(4); w.Write("p"); w.Write("i"); w.Write(0); w.Write(1); }) },
            { "six elements", Pack((ref MessagePackWriter w) => { Header(ref w, "p", "i", 0, 1, 6); w.Write(s_one); w.WriteNil(); }) },
            { "empty peer", Pack((ref MessagePackWriter w) => { Header(ref w, "", "i", 0, 1); w.Write(s_one); }) },
            { "empty message id", Pack((ref MessagePackWriter w) => { Header(ref w, "p", "", 0, 1); w.Write(s_one); }) },
            { "nil peer", Pack((ref MessagePackWriter w) => { w.WriteArrayHeader(5); w.WriteNil(); w.Write("i"); w.Write(0); w.Write(1); w.Write(s_one); }) },
            { "integer message id", Pack((ref MessagePackWriter w) => { w.WriteArrayHeader(5); w.Write("p"); w.Write(7); w.Write(0); w.Write(1); w.Write(s_one); }) },
            { "string index", Pack((ref MessagePackWriter w) => { w.WriteArrayHeader(5); w.Write("p"); w.Write("i"); w.Write("0"); w.Write(1); w.Write(s_one); }) },
            { "float total", Pack((ref MessagePackWriter w) => { w.WriteArrayHeader(5); w.Write("p"); w.Write("i"); w.Write(0); w.Write(1.0); w.Write(s_one); }) },
            { "negative index", Pack((ref MessagePackWriter w) => { Header(ref w, "p", "i", -1, 1); w.Write(s_one); }) },
            { "index equals total", Pack((ref MessagePackWriter w) => { Header(ref w, "p", "i", 1, 1); w.Write(s_one); }) },
            { "index above total", Pack((ref MessagePackWriter w) => { Header(ref w, "p", "i", 9, 3); w.Write(s_one); }) },
            { "total zero", Pack((ref MessagePackWriter w) => { Header(ref w, "p", "i", 0, 0); w.Write(s_one); }) },
            { "total over int", Pack((ref MessagePackWriter w) => { w.WriteArrayHeader(5); w.Write("p"); w.Write("i"); w.Write(0); w.Write(1L << 40); w.Write(s_one); }) },
            { "total over long", Pack((ref MessagePackWriter w) => { w.WriteArrayHeader(5); w.Write("p"); w.Write("i"); w.Write(0); w.Write(ulong.MaxValue); w.Write(s_one); }) },
            { "string fragment", Pack((ref MessagePackWriter w) => { Header(ref w, "p", "i", 0, 1); w.Write("fragment"); }) },
            { "nil fragment", Pack((ref MessagePackWriter w) => { Header(ref w, "p", "i", 0, 1); w.WriteNil(); }) },
            { "peer claiming 3.7 GB", [0x95, 0xDB, 0xE0, 0xA3, 0xCB, 0xCF, 0xA3, 0x83, 0x3E] },
            { "fragment claiming 2 GB", [.. Pack((ref MessagePackWriter w) => Header(ref w, "p", "i", 0, 1)), 0xC6, 0x7F, 0xFF, 0xFF, 0xFF, 1] },
            { "trailing data", Pack((ref MessagePackWriter w) => { Header(ref w, "p", "i", 0, 1); w.Write(s_one); w.WriteNil(); }) },
        };

        var valid = Pack((ref MessagePackWriter w) => { Header(ref w, "p", "i", 0, 1); w.Write(s_eight); });
        for (var length = 0; length < valid.Length; length++)
        {
            data.Add($"truncated to {length}", valid[..length]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedMessagePackPackets))]
    public void MalformedMessagePackPacketsAreRefused(string name, byte[] packet) =>
        Assert.False(s_messagePack.TryParsePacket(packet, out _), name);

    [Theory]
    [MemberData(nameof(WireTestData.AllFormats), MemberType = typeof(WireTestData))]
    public void RandomGarbageNeverThrows(WireFormat format)
    {
        var codec = WireCodec.For(format);
        var random = new Random(42);
        var valid = codec.EncodePackets("peer", "0123456789abcdef", WireTestData.InitialSync(1, 2, 3), 50)[0];
        for (var i = 0; i < 50_000; i++)
        {
            byte[] packet;
            if (i % 2 == 0)
            {
                packet = new byte[random.Next(0, 40)];
                random.NextBytes(packet);
            }
            else
            {
                packet = (byte[])valid.Clone();
                packet[random.Next(packet.Length)] = (byte)random.Next(256);
                packet = packet[..random.Next(packet.Length + 1)];
            }

            if (codec.TryParsePacket(packet, out var parsed))
            {
                Assert.InRange(parsed.Index, 0, parsed.Total - 1);
                Assert.NotEmpty(parsed.Peer);
                Assert.NotEmpty(parsed.MessageId);
            }
        }
    }

    [Theory]
    [MemberData(nameof(WireTestData.AllFormats), MemberType = typeof(WireTestData))]
    public void WithPeerReplacesOnlyTheLeadingField(WireFormat format)
    {
        var codec = WireCodec.For(format);
        var message = WireTestData.InitialSync(1, 3, 3);
        foreach (var original in codec.EncodePackets("*", "0123456789abcdef", message, 100))
        {
            Assert.True(codec.TryParsePacket(original, out var sent));
            var spaced = format == WireFormat.MessagePack ? "😀 a sender" : "😀-a-sender";
            foreach (var sender in new[] { "P-QAdUTMp5CShlZX", "x", spaced, new string('s', 300) })
            {
                var rewritten = codec.WithPeer(original, sender);
                Assert.True(codec.TryParsePacket(rewritten, out var received));
                Assert.Equal(sent with { Peer = sender, Fragment = default }, received with { Fragment = default });
                Assert.Equal(sent.Fragment.ToArray(), received.Fragment.ToArray());
            }
        }
    }

    [Fact]
    public void WithPeerRewritesTheGoldenJsonPacket()
    {
        var rewritten = s_json.WithPeer("* uvqEryLkwLpBqOfe 0 1 [1,0,2,[]]"u8, "P-QAdUTMp5CShlZX");
        Assert.Equal("P-QAdUTMp5CShlZX uvqEryLkwLpBqOfe 0 1 [1,0,2,[]]", Encoding.UTF8.GetString(rewritten));
        Assert.Throws<ArgumentException>(() => s_json.WithPeer("* i 0 1 x"u8, "a b"));
    }

    [Theory]
    [InlineData(WireFormat.Json, new byte[0])]
    [InlineData(WireFormat.Json, new byte[] { (byte)'n', (byte)'o', (byte)'s', (byte)'p', (byte)'a', (byte)'c', (byte)'e' })]
    [InlineData(WireFormat.MessagePack, new byte[0])]
    [InlineData(WireFormat.MessagePack, new byte[] { 0x90 })]
    [InlineData(WireFormat.MessagePack, new byte[] { 0x91, 0x01 })]
    [InlineData(WireFormat.MessagePack, new byte[] { 0xA1, (byte)'p' })]
    [InlineData(WireFormat.MessagePack, new byte[] { 0x95, 0xA5, (byte)'p' })]
    [InlineData(WireFormat.MessagePack, new byte[] { 0xC1 })]
    [InlineData(WireFormat.MessagePack, new byte[] { 0x96, 0xDB, 0xE0, 0xA3, 0xCB, 0xCF, 0xA3, 0x83, 0x3E })] // str32 claiming 3.7 GB
    public void WithPeerRefusesPacketsWithoutALeadingField(WireFormat format, byte[] packet) =>
        Assert.Throws<WireFormatException>(() => WireCodec.For(format).WithPeer(packet, "sender"));

    private static byte[] Pack(WriteAction write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void Header(ref MessagePackWriter writer, string peer, string id, int index, int total, int count = 5)
    {
        writer.WriteArrayHeader(count);
        writer.Write(peer);
        writer.Write(id);
        writer.Write(index);
        writer.Write(total);
    }

    private delegate void WriteAction(ref MessagePackWriter writer);
}
