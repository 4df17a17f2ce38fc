using System.Text;
using MessagePack;
using Synclets.Protocol;
using Synclets.Tests.Support;
using Synclets.Wire;

namespace Synclets.Tests.Wire;

public class RoundTripTests
{
    [Theory]
    [MemberData(nameof(WireTestData.AllFormats), MemberType = typeof(WireTestData))]
    public void EveryNodeAtomAndIdKindSurvivesEncodeAndDecode(WireFormat format)
    {
        var codec = WireCodec.For(format);
        var count = 0;
        foreach (var message in WireTestData.EveryKind())
        {
            if (HasLoneSurrogate(message))
            {
                continue; // refused by both formats; see LoneSurrogatesAreRefused
            }

            var decoded = codec.DecodeMessage(codec.EncodeMessage(message));
            Assert.Equal(message, decoded);
            AssertSameAtomKinds(message.Node, decoded.Node);
            count++;
        }

        Assert.True(count > 40);
    }

    [Theory]
    [MemberData(nameof(WireTestData.AllFormats), MemberType = typeof(WireTestData))]
    public void AddressesOfAnyLengthSurviveEncodeAndDecode(WireFormat format)
    {
        var codec = WireCodec.For(format);
        foreach (var length in new[] { 0, 1, 8, 9, 40 })
        {
            var ids = Enumerable.Range(0, length).Select(i => "id" + i).ToArray();
            var message = new Message(Math.Max(length, 1), new Address(ids), new HashNode(7), MessageContext.Empty);
            var decoded = codec.DecodeMessage(codec.EncodeMessage(message));
            Assert.Equal(new Address(ids), decoded.Address);
            Assert.Equal(ids, decoded.Address);
        }
    }

    [Fact]
    public void JsonRefusesLoneSurrogatesThatJavaScriptWouldWrite()
    {
        var codec = WireCodec.For(WireFormat.Json);
        foreach (var json in new[]
        {
            """[1,0,1,["a\ud800"],"t",{}]""",
            """[1,0,1,["\udc00"],"t",{}]""",
            """[1,0,1,["a"],["0000000000000000","\udc00\ud800"],{}]""",
        })
        {
            var exception = Assert.Throws<WireFormatException>(() => codec.DecodeMessage(Encoding.UTF8.GetBytes(json)));
            Assert.Contains("lone surrogate", exception.Message);
        }

        // A well-formed pair, escaped as JavaScript writes it, is still read.
        var pair = codec.DecodeMessage(Encoding.UTF8.GetBytes("""[1,0,1,["\ud83d\ude00"],"t",{}]"""));
        Assert.Equal("\U0001F600", pair.Address[0]);
    }

    [Fact]
    public void MessagePackRefusesInvalidUtf8RatherThanReplacingIt()
    {
        // "a" then the three bytes a lone U+D800 would take in CESU-8: not UTF-8.
        var payload = MessagePackBytes.Of((ref MessagePackWriter writer) =>
        {
            writer.WriteArrayHeader(6);
            writer.Write(1);
            writer.Write(0);
            writer.Write(1);
            writer.WriteArrayHeader(1);
            writer.WriteString([0x61, 0xED, 0xA0, 0x80]);
            writer.Write("t");
            writer.WriteMapHeader(0);
        });

        var exception = Assert.Throws<WireFormatException>(() => WireCodec.For(WireFormat.MessagePack).DecodeMessage(payload));
        Assert.Contains("not valid UTF-8", exception.Message);
    }

    [Theory]
    [MemberData(nameof(WireTestData.AllFormats), MemberType = typeof(WireTestData))]
    public void NumbersKeepTheirKind(WireFormat format)
    {
        var codec = WireCodec.For(format);
        (Atom Atom, AtomKind Kind)[] cases =
        [
            (Atom.FromInteger(3), AtomKind.Integer),
            (Atom.FromInteger(long.MinValue), AtomKind.Integer),
            (Atom.FromDouble(3.5), AtomKind.Double),
            (Atom.FromDouble(1e300), AtomKind.Double),
            (Atom.FromDouble(-9.3e18), AtomKind.Double),
        ];
        foreach (var (atom, kind) in cases)
        {
            var message = WireTestData.Leaf(new TimestampAndAtomNode("t", atom), "k");
            var decoded = (TimestampAndAtomNode)codec.DecodeMessage(codec.EncodeMessage(message)).Node;
            Assert.Equal(kind, decoded.Atom!.Value.Kind);
            Assert.Equal(atom, decoded.Atom);
        }
    }

    [Fact]
    public void AnIntegralFloat64InMessagePackDecodesAsAnInteger()
    {
        // [1,0,1,["k"],["t", 2.0 as float64],{}]
        byte[] payload = [0x96, 1, 0, 1, 0x91, 0xA1, (byte)'k', 0x92, 0xA1, (byte)'t', 0xCB, 0x40, 0, 0, 0, 0, 0, 0, 0, 0x80];
        var node = (TimestampAndAtomNode)WireCodec.For(WireFormat.MessagePack).DecodeMessage(payload).Node;
        Assert.Equal(AtomKind.Integer, node.Atom!.Value.Kind);
        Assert.Equal(2, node.Atom.Value.AsInteger());
    }

    [Fact]
    public void MessagePackWritesTheDocumentedShape()
    {
        var message = new Message(
            2,
            new Address("a"),
            WireTestData.SubNodes(true, ("b", new TimestampAndAtomNode("t", null))),
            WireTestData.Context(("k", Atom.Null)));

        // [1, 0, 2, ["a"], [{"b": ["t", ext0()]}, 1], {"k": nil}], small enough to stay uncompressed.
        byte[] expected =
        [
            0x96, 1, 0, 2, 0x91, 0xA1, (byte)'a',
            0x92, 0x81, 0xA1, (byte)'b', 0x92, 0xA1, (byte)'t', 0xC7, 0x00, 0x00, 1,
            0x81, 0xA1, (byte)'k', 0xC0,
        ];
        Assert.Equal(expected, WireCodec.For(WireFormat.MessagePack).EncodeMessage(message));
    }

    [Fact]
    public void LargeMessagePackPayloadsAreCompressedAndStillDecode()
    {
        var codec = WireCodec.For(WireFormat.MessagePack);
        var message = WireTestData.InitialSync(tables: 2, rows: 100);
        var payload = codec.EncodeMessage(message);

        // MessagePack-CSharp's LZ4 block array: [ext 98 (block sizes), bin block, …].
        var reader = new MessagePack.MessagePackReader(payload);
        Assert.True(reader.ReadArrayHeader() >= 2);
        Assert.Equal(98, reader.ReadExtensionFormatHeader().TypeCode);
        var uncompressed = MessagePack.MessagePackSerializer.Serialize(
            message,
            MessagePack.MessagePackSerializerOptions.Standard.WithResolver(MessagePackMessageResolver.Instance));
        Assert.True(payload.Length < uncompressed.Length / 2, $"{payload.Length} vs {uncompressed.Length} bytes uncompressed");
        Assert.Equal(message, codec.DecodeMessage(payload));
    }

    [Fact]
    public void CodecsAreSingletonsOfTheirFormat()
    {
        foreach (var format in WireTestData.Formats)
        {
            Assert.Same(WireCodec.For(format), WireCodec.For(format));
            Assert.Equal(format, WireCodec.For(format).Format);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => WireCodec.For((WireFormat)42));
    }

    [Fact]
    public void MessageIdsAreSixteenCharactersOfTheHlcAlphabet()
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < 1000; i++)
        {
            var id = WireCodec.NewMessageId();
            Assert.Equal(16, id.Length);
            Assert.All(id, c => Assert.Contains(c, "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"));
            ids.Add(id);
        }

        Assert.Equal(1000, ids.Count);
    }

    private static bool HasLoneSurrogate(Message message)
    {
        var text = System.Text.Encoding.UTF8.GetString(WireCodec.For(WireFormat.Json).EncodeMessage(message));
        return System.Text.RegularExpressions.Regex.IsMatch(text, @"\\ud[89a-f]");
    }

    /// <summary>Atom equality treats 2 and 2.0 as equal; the wire must also keep the kind.</summary>
    private static void AssertSameAtomKinds(MessageNode expected, MessageNode actual)
    {
        switch (expected)
        {
            case TimestampAndAtomNode leaf:
                Assert.Equal(leaf.Atom?.Kind, ((TimestampAndAtomNode)actual).Atom?.Kind);
                break;
            case SubNodesNode subNodes:
                foreach (var (id, child) in subNodes.Children)
                {
                    AssertSameAtomKinds(child, ((SubNodesNode)actual).Children[id]);
                }

                break;
        }
    }
}
